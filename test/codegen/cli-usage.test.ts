// scripts/lint-spec.ts answers --help with its usage (exit 0) and refuses an unknown option with the usage
// on stderr (exit 2), before doing any work; in-process through its main(argv, io), as nothing is spawned
// for these (test/spec/lint-spec.test.ts runs the script as a program). The codegen CLI's cases (gen,
// spec:diff) are in-process in packages/codegen/test/cli.test.ts.
import { captureIo } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/lint-spec.js';

describe('CLI usage', () => {
  it.each([
    {
      given: ['-h'],
      want: { code: 0, stdout: 'usage: pnpm lint:spec', stderr: '' },
    },
    {
      given: ['--bogus'],
      want: { code: 2, stdout: '', stderr: 'lint:spec: unknown option --bogus\nusage: pnpm lint:spec' },
    },
  ])('lint-spec.ts $given → exit $want.code', async ({ given, want }) => {
    const printed = captureIo();
    const got = { code: await main(given, printed.io), stdout: printed.stdout(), stderr: printed.stderr() };
    expect(got.code).toBe(want.code);
    if (want.stdout) expect(got.stdout).toContain(want.stdout);
    else expect(got.stdout).toBe('');
    if (want.stderr) expect(got.stderr).toContain(want.stderr);
    else expect(got.stderr).toBe('');
  });
});
