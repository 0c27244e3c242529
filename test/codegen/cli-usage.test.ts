// The spec/codegen CLIs answer --help with their usage (exit 0) and refuse an unknown option with the
// usage on stderr (exit 2), before doing any work.
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

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
    const got = await runScript(given.script, given.args);
    expect(got.code).toBe(want.code);
    if (want.stdout) expect(got.stdout).toContain(want.stdout);
    else expect(got.stdout).toBe('');
    if (want.stderr) expect(got.stderr).toContain(want.stderr);
    else expect(got.stderr).toBe('');
  });
});
