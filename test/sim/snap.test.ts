import { TEST_SNAP_CLIENT_SECRET } from '@onelink-kit/mock';
import { signSnap } from '@onelink-kit/signing';
import { describe, expect, it } from 'vitest';
import { call, fixture } from './sim-helpers.js';
import { simPerFile } from './sim-per-file.js';

// The simulated SNAP Get OAuth Code: signature over the request as sent, X-TIMESTAMP within the
// window, X-EXTERNAL-ID once a day.

const file = simPerFile('snap-card-binding', {
  only: ['snap-card-binding'],
  config: { snapTimestampWindowS: 300 },
});

/** X-TIMESTAMP for an instant, in +07:00 as SNAP clients send it. */
function snapTime(at: number): string {
  return `${new Date(at + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

let ext = 0;
function signedRequest(options: { at?: number; externalId?: string; secret?: string } = {}) {
  const recorded = fixture('getOAuthCode', 'success').request;
  const timestamp = snapTime(options.at ?? file.sim.clock());
  const accessToken = 'snap-access-token';
  const urlPath = recorded.path;
  const signature = signSnap(options.secret ?? TEST_SNAP_CLIENT_SECRET, {
    method: 'GET',
    urlPath,
    accessToken,
    timestamp,
  }).signature;
  ext += 1;
  const headers: Record<string, string> = {
    ...recorded.headers,
    authorization: `Bearer ${accessToken}`,
    'x-timestamp': timestamp,
    'x-signature': signature,
    'x-external-id': options.externalId ?? `${String(ext).padStart(8, '0')}${'a'.repeat(24)}`,
  };
  return { url: `${file.base}${urlPath}`, headers };
}

describe('SNAP Get OAuth Code', () => {
  it('issues a fresh auth code for a signed request and echoes the state', async () => {
    const { url, headers } = signedRequest();
    const reply = await call(url, { headers });
    expect(reply.status).toBe(200);
    const recorded = fixture('getOAuthCode', 'success').response.body;
    expect(reply.body).toMatchObject({
      responseCode: recorded.responseCode,
      state: new URL(url).searchParams.get('state'),
    });
    expect(reply.body.authCode).not.toBe(recorded.authCode);
  });

  it('answers a signature made with another secret with 4013000', async () => {
    const { url, headers } = signedRequest({ secret: 'another-secret' });
    const reply = await call(url, { headers });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(fixture('getOAuthCode', 'invalid-signature').response.body);
  });

  it('answers a request whose query was changed after signing with 4013000', async () => {
    const { url, headers } = signedRequest();
    const reply = await call(url.replace('lang=EN', 'lang=ID'), { headers });
    expect(reply.body.responseCode).toBe('4013000');
  });

  it.each([
    { given: '10 minutes behind', shift: -600_000 },
    { given: '10 minutes ahead', shift: 600_000 },
  ])('answers an X-TIMESTAMP $given with 4003001 naming X-TIMESTAMP', async ({ shift }) => {
    const { url, headers } = signedRequest({ at: file.sim.clock() + shift });
    const reply = await call(url, { headers });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      responseCode: '4003001',
      responseMessage: 'Invalid Field Format X-TIMESTAMP',
    });
  });

  it('answers the same X-EXTERNAL-ID twice in a day with 4093000', async () => {
    const externalId = 'f'.repeat(32);
    const first = await call(signedRequest({ externalId }).url, {
      headers: signedRequest({ externalId }).headers,
    });
    const again = signedRequest({ externalId });
    const reply = await call(again.url, { headers: again.headers });
    expect(first.status).toBe(200);
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual(fixture('getOAuthCode', 'duplicate-external-id').response.body);
  });

  it('names a missing header (4003002) and a malformed one (4003001)', async () => {
    const { url, headers } = signedRequest();
    const { 'channel-id': _dropped, ...without } = headers;
    const missing = await call(url, { headers: without });
    expect(missing.body).toEqual({
      responseCode: '4003002',
      responseMessage: 'Invalid Mandatory Field CHANNEL-ID',
    });
    const malformed = await call(url, { headers: { ...headers, 'channel-id': 'abcde' } });
    expect(malformed.body).toEqual({
      responseCode: '4003001',
      responseMessage: 'Invalid Field Format CHANNEL-ID',
    });
  });

  it('answers a request without a bearer token with the recorded invalid-token', async () => {
    const { url, headers } = signedRequest();
    const { authorization: _dropped, ...without } = headers;
    const reply = await call(url, { headers: without });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(fixture('getOAuthCode', 'invalid-token').response.body);
  });
});
