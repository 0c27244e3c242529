import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

// ONELINK_CLIENT_SECRET_FILE is read through core's secret reader, so rotating the mounted file is
// enough: after 1LINK refuses the old credentials the gateway reads the file again, with no restart.

const OLD_SECRET = 'rotation-old-secret-value';
const NEW_SECRET = 'rotation-new-secret-value';

let fake: FakeOneLink;
let gw: Awaited<ReturnType<typeof startTestGateway>>;
const dir = mkdtempSync(join(tmpdir(), 'gateway-rotation-'));
const secretFile = join(dir, 'client-secret');

beforeAll(async () => {
  writeFileSync(secretFile, `${OLD_SECRET}\n`);
  fake = await startFakeOneLink();
  fake.accept.clientSecret = OLD_SECRET;
  gw = await startTestGateway(fake.url, {
    // Blank counts as unset, so only the file configures the secret.
    ONELINK_CLIENT_SECRET: '',
    ONELINK_CLIENT_SECRET_FILE: secretFile,
  });
});
afterAll(async () => {
  await gw?.cleanup();
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function create(reference: string) {
  return request(gw.url)
    .post('/v1/qr/merchant')
    .set('Authorization', `Bearer ${API_KEY}`)
    .send({ ...merchantRequest, reference });
}

describe('client secret rotation through ONELINK_CLIENT_SECRET_FILE', () => {
  it('a rotated secret file is picked up after a 401, without restarting the gateway', async () => {
    const first = await create('before-rotation');
    expect(first.status).toBe(201);
    expect(fake.calls.token).toBe(1);

    // 1LINK rotates: only the new secret is accepted and tokens issued for the old one are refused.
    fake.accept.clientSecret = NEW_SECRET;
    fake.revokeTokens();

    // The file still holds the old secret: the 401 makes the gateway re-read it, 1LINK refuses it.
    const refused = await create('rotated-upstream-only');
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({
      type: 'urn:onelink-kit:problem:upstream-auth',
      transactionStatus: 'failed',
    });
    expect(fake.refusedTokens).toBeGreaterThan(0);

    // The operator mounts the new secret; the same running gateway uses it on the next create.
    writeFileSync(secretFile, `${NEW_SECRET}\n`);
    const refusedBefore = fake.refusedTokens;
    const after = await create('after-rotation');
    expect(after.status).toBe(201);
    expect(after.body).toMatchObject({ status: 'succeeded' });
    // The old secret may be tried once more from the reader's cache; the new one is what got through.
    expect(fake.refusedTokens - refusedBefore).toBeLessThanOrEqual(1);

    const again = await create('after-rotation-2');
    expect(again.status).toBe(201);
    // Neither secret appears in anything the gateway logged.
    const logs = gw.logs.join('');
    expect(logs).not.toContain(OLD_SECRET);
    expect(logs).not.toContain(NEW_SECRET);
  });
});
