// scripts/lint-spec.ts answers --help with its usage (exit 0) and refuses an unknown option with the usage
// on stderr (exit 2), before doing any work. The codegen CLI's cases (gen, spec:diff) are in-process in
// packages/codegen/test/cli.test.ts.
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

describe('CLI usage', () => {
  it.each([
    {
      given: { script: 'lint-spec.ts', args: ['-h'] },
      want: { code: 0, stdout: 'usage: pnpm lint:spec', stderr: '' },
    },
    {
      given: { script: 'lint-spec.ts', args: ['--bogus'] },
      want: { code: 2, stdout: '', stderr: 'lint:spec: unknown option --bogus\nusage: pnpm lint:spec' },
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
