// `pnpm sign` (src/cli.ts) driven in-process through main(argv, env, io), each case with only the
// environment it gives (no host secrets). test/sign/sign-cli.test.ts spawns the script once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureIo } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const printed = captureIo(tmpdir());
  const code = await main(args, env, printed.io);
  return { code, out: printed.stdout(), err: printed.stderr() };
}

const field = (out: string, name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(out)?.[1];

// Test-only values; not secrets of any environment. Expected signatures were computed with OpenSSL
// (the commands are in link-signature.test.ts and snap-signature.test.ts beside this file):
//   printf '%s' "$STS" | openssl dgst -sha512 -hmac 'test-client-secret-not-real' -binary | base64 -w0
//   printf '%s' 'MID123test-password-not-real1500.00TXN-20261122-0001' | openssl dgst -sha512 -hmac 'test-link-hash-key-not-real'
const SNAP_ENV = { SNAP_CLIENT_SECRET: 'test-client-secret-not-real' };
const LINK_ENV = { LINK_PASSWORD: 'test-password-not-real', LINK_HASH_KEY: 'test-link-hash-key-not-real' };
const GET_PATH =
  '/v1.0/get-auth-code?scopes=CARD_REGISTRATION&state=0123456789abcdef0123456789abcdef&merchantId=216620&lang=EN&seamlessData=%7B%22mobileNumber%22%3A%22628123456789%22%7D';
const SNAP_GET_SIG =
  'vFd8oVJrCBX2Zdmymy9X2s+IhfFAM46j3rjDkznhIaP3VmOJXcFss9jKju1pOqtaqoFx91oEhNWmaWpmY2BCtw==';
const SNAP_POST_SIG =
  '+yVkjImeyY8dcoMYnGIlyBge9wkYM17xj1AjyNnZqRWOS1QloaiuobDh/N9ihRgu0jZFrToG89EITVPukJlUDQ==';
const LINK_CREATE_SIG =
  'bf34d4ef8fd4b9a71f324eab8784b842b6f2a1577b14ea6a519d2318bd9d694ad7b6335eb8ab56d3291e249ccef3fef12da00c855c2eb1e818b2ce884306a59a';
const LINK_INVOICE_SIG =
  '96338db5214708e695a2cb0ff4e9421d93a3c46a1c6792bc4ffe119996329b3df5959292408232006b94975bb67d729a6d480af7929daea49425fd0cfaf29bd3';
const snapGet = [
  'snap',
  '--method',
  'GET',
  '--path',
  GET_PATH,
  '--token',
  'synthetic-access-token-0001',
  '--timestamp',
  '2026-11-22T05:30:00+07:00',
];

describe.concurrent('pnpm sign snap', () => {
  it('prints the string to sign and the OpenSSL-computed signature for a GET (empty body)', async () => {
    const r = await run(snapGet, SNAP_ENV);
    expect(r.code).toBe(0);
    expect(field(r.out, 'string-to-sign')).toBe(
      `GET:${GET_PATH}:synthetic-access-token-0001:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855:2026-11-22T05:30:00+07:00`,
    );
    expect(field(r.out, 'signature')).toBe(SNAP_GET_SIG);
    expect(r.out).not.toContain(SNAP_ENV.SNAP_CLIENT_SECRET);
  });

  it('minifies a --body file before hashing, and reads the secret from SNAP_CLIENT_SECRET_FILE', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sign-cli-'));
    writeFileSync(path.join(dir, 'body.json'), '{\n  "a": 1,\n  "b": [ 1, 2 ]\n}\n');
    writeFileSync(path.join(dir, 'secret'), `${SNAP_ENV.SNAP_CLIENT_SECRET}\n`);
    const args = [
      'snap',
      '--method',
      'POST',
      '--path',
      '/v1.0/example',
      '--token',
      'synthetic-access-token-0001',
    ];
    const r = await run(
      [...args, '--timestamp', '2026-11-22T05:30:00.123Z', '--body', path.join(dir, 'body.json')],
      {
        SNAP_CLIENT_SECRET_FILE: path.join(dir, 'secret'),
      },
    );
    expect(r.code).toBe(0);
    expect(field(r.out, 'body-sha256')).toBe(
      '8baa73198470c7bb4c3ce142a8fd651affc0310d878bb9bd159e37a573fb4874',
    );
    expect(field(r.out, 'signature')).toBe(SNAP_POST_SIG);
  });

  const verifyCases = [
    { name: 'the right signature', given: SNAP_GET_SIG, want: { code: 0, verdict: 'MATCH' } },
    {
      name: 'a signature over the path without the query',
      given: SNAP_POST_SIG,
      want: { code: 1, verdict: 'MISMATCH' },
    },
    {
      name: 'a truncated signature',
      given: SNAP_GET_SIG.slice(0, 40),
      want: { code: 1, verdict: 'MISMATCH' },
    },
  ];
  for (const { name, given, want } of verifyCases) {
    it(`--verify with ${name} -> ${want.verdict}`, async () => {
      const r = await run([...snapGet, '--verify', given], SNAP_ENV);
      expect(r.code).toBe(want.code);
      expect(field(r.out, 'verify')).toBe(want.verdict);
    });
  }
});

describe.concurrent('pnpm sign link', () => {
  const cases = [
    {
      name: 'create',
      given: ['--amount', '1500.00', '--txn-id', 'TXN-20261122-0001'],
      want: { sts: 'MID123********1500.00TXN-20261122-0001', sig: LINK_CREATE_SIG },
    },
    {
      name: 'resend/cancel',
      given: ['--invoice', 'INV-0000042'],
      want: { sts: 'MID123********INV-0000042', sig: LINK_INVOICE_SIG },
    },
  ];
  for (const { name, given, want } of cases) {
    it(`${name}: masks the password, prints the OpenSSL-computed signature, verifies it`, async () => {
      const r = await run(['link', '--mid', 'MID123', ...given, '--verify', want.sig], LINK_ENV);
      expect(r.code).toBe(0);
      expect(field(r.out, 'string-to-sign')).toBe(`${want.sts}  (password masked)`);
      expect(field(r.out, 'signature')).toBe(want.sig);
      expect(field(r.out, 'verify')).toBe('MATCH');
      expect(r.out + r.err).not.toContain(LINK_ENV.LINK_PASSWORD);
      expect(r.out + r.err).not.toContain(LINK_ENV.LINK_HASH_KEY);
    });
  }

  it('--verify with a signature keyed by the password instead of LINK_HASH_KEY -> MISMATCH', async () => {
    const swapped = { LINK_PASSWORD: LINK_ENV.LINK_PASSWORD, LINK_HASH_KEY: LINK_ENV.LINK_PASSWORD };
    const other = await run(['link', '--mid', 'MID123', '--invoice', 'INV-0000042'], swapped);
    const wrong = field(other.out, 'signature')!;
    expect(wrong).not.toBe(LINK_INVOICE_SIG);
    const r = await run(['link', '--mid', 'MID123', '--invoice', 'INV-0000042', '--verify', wrong], LINK_ENV);
    expect(r.code).toBe(1);
    expect(field(r.out, 'verify')).toBe('MISMATCH');
  });
});

describe.concurrent('pnpm sign: refusals and help', () => {
  const cases: { name: string; given: { args: string[]; env: Record<string, string> }; want: RegExp }[] = [
    {
      name: '--secret flag',
      given: { args: [...snapGet, '--secret', 'hunter2'], env: SNAP_ENV },
      want: /--secret: secrets are never accepted as flags; set SNAP_CLIENT_SECRET/,
    },
    {
      name: '--password=value',
      given: { args: ['link', '--mid', 'M', '--invoice', 'I', '--password=hunter2'], env: LINK_ENV },
      want: /--password: secrets are never accepted as flags; set LINK_PASSWORD/,
    },
    {
      name: '--hash-key flag',
      given: { args: ['link', '--mid', 'M', '--invoice', 'I', '--hash-key', 'hunter2'], env: LINK_ENV },
      want: /--hash-key: .*LINK_HASH_KEY/,
    },
    {
      name: 'no secret in the environment',
      given: { args: snapGet, env: {} },
      want: /SNAP_CLIENT_SECRET is not set \(nor SNAP_CLIENT_SECRET_FILE\)/,
    },
    {
      name: 'no LINK_HASH_KEY',
      given: { args: ['link', '--mid', 'M', '--invoice', 'I'], env: { LINK_PASSWORD: 'p' } },
      want: /LINK_HASH_KEY is not set/,
    },
    {
      name: 'both --invoice and --amount',
      given: { args: ['link', '--mid', 'M', '--invoice', 'I', '--amount', '1.00'], env: LINK_ENV },
      want: /either --amount and --txn-id .* or --invoice/,
    },
    {
      name: 'create without --txn-id and no secrets set: the flag is named first',
      given: { args: ['link', '--mid', 'M', '--amount', '1.00'], env: {} },
      want: /--txn-id is required/,
    },
    {
      name: 'snap without --method and no secret set: the flag is named first',
      given: { args: ['snap', '--path', '/p', '--token', 't', '--timestamp', 'x'], env: {} },
      want: /--method is required/,
    },
    {
      name: 'missing --timestamp',
      given: { args: snapGet.slice(0, -2), env: SNAP_ENV },
      want: /--timestamp is required/,
    },
    {
      name: 'full URL as --path',
      given: {
        args: ['snap', '--method', 'GET', '--path', 'https://h/p', '--token', 't', '--timestamp', 'x'],
        env: SNAP_ENV,
      },
      want: /urlPath: must start with "\/"/,
    },
    { name: 'unknown kind', given: { args: ['qr'], env: {} }, want: /unknown kind "qr"/ },
  ];
  for (const { name, given, want } of cases) {
    it(`${name} -> exit 2 with a clear message`, async () => {
      const r = await run(given.args, given.env);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(want);
      expect(r.out + r.err).not.toContain('hunter2');
    });
  }

  it('--help prints usage naming the secret variables and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const v of ['SNAP_CLIENT_SECRET', 'LINK_PASSWORD', 'LINK_HASH_KEY', '--verify', 'URLPath'])
      expect(r.out).toContain(v);
  });
});
