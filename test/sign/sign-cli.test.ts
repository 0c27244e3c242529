// `pnpm sign` is `tsx scripts/sign.ts`, a thin wrapper over @onelink-kit/signing's CLI, whose every case runs
// in-process in packages/signing/test/cli.test.ts. Spawned once here, with a clean environment (no host
// secrets), to prove the script runs as a program: output on stdout, the exit code of --verify.
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';

// Test-only value and the signature OpenSSL computes for it (see packages/signing/test/cli.test.ts).
const SNAP_CLIENT_SECRET = 'test-client-secret-not-real';
const GET_PATH =
  '/v1.0/get-auth-code?scopes=CARD_REGISTRATION&state=0123456789abcdef0123456789abcdef&merchantId=216620&lang=EN&seamlessData=%7B%22mobileNumber%22%3A%22628123456789%22%7D';
const SNAP_GET_SIG =
  'vFd8oVJrCBX2Zdmymy9X2s+IhfFAM46j3rjDkznhIaP3VmOJXcFss9jKju1pOqtaqoFx91oEhNWmaWpmY2BCtw==';

describe('pnpm sign (spawned)', () => {
  it('prints the signature and exits 1 when --verify does not match', async () => {
    const args = ['snap', '--method', 'GET', '--path', GET_PATH, '--token', 'synthetic-access-token-0001'];
    const r = await runScript(
      'sign.ts',
      [...args, '--timestamp', '2026-11-22T05:30:00+07:00', '--verify', 'x'],
      {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // Workspace packages resolve to their sources under this condition, as vitest sets it.
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
        SNAP_CLIENT_SECRET,
      },
    );
    expect(r.stdout).toMatch(new RegExp(`^signature:\\s+${SNAP_GET_SIG.replace(/[+]/g, '\\+')}$`, 'm'));
    expect(r.stdout).toMatch(/^verify:\s+MISMATCH$/m);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(SNAP_CLIENT_SECRET);
  });
});
