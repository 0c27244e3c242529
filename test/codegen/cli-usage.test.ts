// The spec/codegen CLIs answer --help with their usage (exit 0) and refuse an unknown option with the
// usage on stderr (exit 2), before doing any work.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', script), ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe('CLI usage', () => {
  it.each([
    {
      given: { script: 'gen.ts', args: ['--help'] },
      want: { code: 0, stdout: 'usage: pnpm gen', stderr: '' },
    },
    {
      given: { script: 'gen.ts', args: ['--bogus'] },
      want: { code: 2, stdout: '', stderr: 'gen: unknown argument --bogus\nusage: pnpm gen' },
    },
    {
      given: { script: 'lint-spec.ts', args: ['-h'] },
      want: { code: 0, stdout: 'usage: pnpm lint:spec', stderr: '' },
    },
    {
      given: { script: 'lint-spec.ts', args: ['--bogus'] },
      want: { code: 2, stdout: '', stderr: 'lint:spec: unknown option --bogus\nusage: pnpm lint:spec' },
    },
    {
      given: { script: 'spec-diff.ts', args: ['--help'] },
      want: { code: 0, stdout: 'usage: pnpm spec:diff', stderr: '' },
    },
    {
      given: { script: 'spec-diff.ts', args: ['--bogus'] },
      want: { code: 2, stdout: '', stderr: 'spec:diff: unknown option --bogus' },
    },
  ])('$given.script $given.args → exit $want.code', async ({ given, want }) => {
    const got = await run(given.script, given.args);
    expect(got.code).toBe(want.code);
    if (want.stdout) expect(got.stdout).toContain(want.stdout);
    else expect(got.stdout).toBe('');
    if (want.stderr) expect(got.stderr).toContain(want.stderr);
    else expect(got.stderr).toBe('');
  });
});
