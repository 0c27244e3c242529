import { writeFileSync } from 'node:fs';
import { fromEnv } from '@onelink-kit/core';
import { type FakeOneLink, merchantBody, startFakeOneLink, tempDirPerTest } from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOneLinkClient } from '../src/index.js';

const dir = tempDirPerTest('onelink-secret-');

describe('rotation without restart', () => {
  let upstream: FakeOneLink;
  beforeEach(async () => {
    // The portal accepts only the current secret; a rotation also ends the tokens issued before it.
    upstream = await startFakeOneLink({ clientSecret: 'secret-A' });
  });
  afterEach(async () => {
    await upstream.stop();
  });

  it('after a 401 the rotated secret file is read and used', async () => {
    const path = dir.join('client-secret');
    writeFileSync(path, 'secret-A\n');
    const client = createOneLinkClient({
      baseUrl: `${upstream.url}/1Link`,
      tokenUrl: upstream.tokenUrl,
      clientId: 'cid',
      clientSecret: fromEnv('ONELINK_CLIENT_SECRET', { ONELINK_CLIENT_SECRET_FILE: path }),
    });
    await client.generateDQRCMerchant(merchantBody());

    // The secret is reset on the portal and the vault rewrites the mounted file.
    writeFileSync(path, 'secret-B\n');
    upstream.accept.clientSecret = 'secret-B';
    upstream.revokeTokens();
    const result = await client.generateDQRCMerchant(merchantBody());

    expect(result.status).toBe(200);
    const sentSecrets = upstream
      .requests('token')
      .map((r) => new URLSearchParams(r.text).get('client_secret'));
    expect(sentSecrets).toEqual(['secret-A', 'secret-B']);
    expect(upstream.requests('qr').map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });
});
