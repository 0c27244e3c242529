import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOneLinkClient, fromEnv } from '../src/index.js';
import { merchantBody } from './support/bodies.js';
import { type FakeUpstream, qrSuccess, startFakeUpstream } from './support/fake-upstream.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onelink-secret-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
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
