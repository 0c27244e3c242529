import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOneLinkClient, fromEnv, fromFile, OneLinkAuthError, SecretReader } from '../src/index.js';
import { merchantBody } from './support/bodies.js';
import { type FakeUpstream, qrSuccess, startFakeUpstream } from './support/fake-upstream.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onelink-secret-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('fromEnv', () => {
  it.each([
    { given: { env: { S: 'from-env' } }, want: 'from-env' },
    { given: { env: { S: 'from-env', S_FILE: 'file' }, file: 'from-file\n' }, want: 'from-file' },
    { given: { env: { S_FILE: 'file' }, file: 'crlf-file\r\n' }, want: 'crlf-file' },
  ])('$given.env → $want', async ({ given, want }) => {
    const env: NodeJS.ProcessEnv = { ...given.env };
    if (given.file !== undefined) {
      env.S_FILE = join(dir, 'secret');
      writeFileSync(env.S_FILE, given.file);
    }
    expect(await fromEnv('S', env)({ reason: 'initial' })).toBe(want);
  });

  it.each([
    { given: {}, want: /^S is not set \(nor S_FILE\)$/ },
    { given: { S: '' }, want: /^S is not set/ },
    {
      given: { S_FILE: '/nonexistent/onelink-secret' },
      want: /S_FILE: cannot read \/nonexistent\/onelink-secret \(ENOENT\)/,
    },
  ])('$given → OneLinkAuthError $want', async ({ given, want }) => {
    const error = await Promise.resolve(fromEnv('S', given)({ reason: 'initial' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAuthError);
    expect((error as Error).message).toMatch(want);
    expect(error).toMatchObject({ reason: 'secret-unavailable' });
  });

  it('reads the file afresh on every call', async () => {
    const path = join(dir, 'secret');
    writeFileSync(path, 'first');
    const provider = fromEnv('S', { S_FILE: path });
    expect(await provider({ reason: 'initial' })).toBe('first');
    writeFileSync(path, 'second');
    expect(await provider({ reason: 'rotation' })).toBe('second');
  });

  it('refuses an empty file without quoting it', async () => {
    const path = join(dir, 'secret');
    writeFileSync(path, '\n');
    await expect(Promise.resolve(fromFile(path)({ reason: 'initial' }))).rejects.toThrow(/is empty/);
  });
});

describe('SecretReader', () => {
  it('caches until invalidated, then asks again with reason rotation', async () => {
    const reasons: string[] = [];
    let n = 0;
    const reader = new SecretReader(({ reason }) => {
      reasons.push(reason);
      return `s${++n}`;
    });
    expect(await Promise.all([reader.read(), reader.read()])).toEqual(['s1', 's1']);
    reader.invalidate();
    expect(await reader.read()).toBe('s2');
    expect(reasons).toEqual(['initial', 'rotation']);
    expect(JSON.stringify({ reader })).not.toContain('s2');
  });

  it('does not cache a failed read', async () => {
    let fail = true;
    const reader = new SecretReader(async () => {
      if (fail) throw new Error('vault down');
      return 'ok';
    });
    await expect(reader.read()).rejects.toThrow('vault down');
    fail = false;
    expect(await reader.read()).toBe('ok');
  });

  it('rejects a source that is neither a string nor a function', () => {
    expect(() => new SecretReader(42 as never)).toThrow(/clientSecret must be a string or a function/);
  });
});

describe('rotation without restart', () => {
  let upstream: FakeUpstream;
  beforeEach(async () => {
    upstream = await startFakeUpstream();
  });
  afterEach(async () => {
    await upstream.close();
  });

  it('after a 401 the rotated secret file is read and used', async () => {
    const path = join(dir, 'client-secret');
    writeFileSync(path, 'secret-A\n');
    let valid = 'secret-A';
    const issued = new Map<string, string>(); // token → secret it was issued for
    upstream.onToken = (req, n) => {
      const secret = new URLSearchParams(req.text).get('client_secret') ?? '';
      if (secret !== valid) return { status: 401, body: { error: 'invalid_client' } };
      issued.set(`token-${n}`, secret);
      return { status: 200, body: { access_token: `token-${n}`, token_type: 'Bearer', expires_in: 3600 } };
    };
    upstream.onApi = (req) => {
      const token = String(req.headers.authorization).replace('Bearer ', '');
      return issued.get(token) === valid
        ? qrSuccess(req)
        : { status: 401, body: { httpCode: '401', httpMessage: 'Unauthorized' } };
    };
    const client = createOneLinkClient({
      baseUrl: upstream.baseUrl,
      tokenUrl: upstream.tokenUrl,
      clientId: 'cid',
      clientSecret: fromEnv('ONELINK_CLIENT_SECRET', { ONELINK_CLIENT_SECRET_FILE: path }),
    });
    await client.generateDQRCMerchant(merchantBody());

    // The secret is reset on the portal and the vault rewrites the mounted file.
    writeFileSync(path, 'secret-B\n');
    valid = 'secret-B';
    const result = await client.generateDQRCMerchant(merchantBody());

    expect(result.status).toBe(200);
    const sentSecrets = upstream.tokenRequests.map((r) => new URLSearchParams(r.text).get('client_secret'));
    expect(sentSecrets).toEqual(['secret-A', 'secret-B']);
    expect(upstream.apiRequests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });
});
