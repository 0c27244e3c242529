import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOneLink, fullMerchantRequest, startFakeOneLink } from '../../src/index.js';
import { askToken, postQr, tokenOf } from './call.js';

let fake: FakeOneLink | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const ids = { stan: '000001', rrn: '633010000001' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('token endpoint', () => {
  it('issues numbered bearer tokens with the TTL, scope and no-store', async () => {
    fake = await startFakeOneLink({ tokenTtlSeconds: 120 });
    const first = await askToken(fake);
    const second = await askToken(fake);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.json()).toEqual({
      access_token: 'token-1',
      token_type: 'Bearer',
      expires_in: 120,
      scope: '1LinkApi',
    });
    expect(second.json().access_token).toBe('token-2');
    expect(fake.calls.token).toBe(2);
  });

  it.each<{ given: string; form: Record<string, string>; want: number; error: string }>([
    { given: 'wrong secret', form: { client_secret: 'other' }, want: 401, error: 'invalid_client' },
    { given: 'wrong id', form: { client_id: 'other' }, want: 401, error: 'invalid_client' },
    { given: 'other grant', form: { grant_type: 'password' }, want: 400, error: 'unsupported_grant_type' },
  ])('$given → $want $error', async ({ form, want, error }) => {
    fake = await startFakeOneLink({ clientId: 'id-1', clientSecret: 'secret-1' });
    const answer = await askToken(fake, form);
    expect(answer.status).toBe(want);
    expect(answer.json().error).toBe(error);
    expect(fake.refusedTokens).toBe(want === 401 ? 1 : 0);
  });

  it('accepts the rotated secret once the test changes it, and only that one', async () => {
    fake = await startFakeOneLink({ clientSecret: 'secret-1' });
    fake.accept.clientSecret = 'secret-2';
    expect((await askToken(fake)).status).toBe(401);
    expect((await askToken(fake, { client_secret: 'secret-2' })).status).toBe(200);
  });

  it('uses the prefix and extra headers it is given', async () => {
    fake = await startFakeOneLink({ tokenPrefix: 'fake-token-', tokenHeaders: { 'set-cookie': 'apic=x' } });
    const answer = await askToken(fake);
    expect(answer.json().access_token).toBe('fake-token-1');
    expect(answer.headers.get('set-cookie')).toBe('apic=x');
  });
});

describe('bearer check on QR calls', () => {
  it.each([
    { given: 'no token', headers: {} },
    { given: 'a token never issued', headers: bearer('made-up') },
  ])('$given → API Connect 401', async ({ headers }) => {
    fake = await startFakeOneLink();
    const answer = await postQr(fake, 'generateDQRCMerchant', fullMerchantRequest(ids), headers);
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ httpCode: '401', httpMessage: 'Unauthorized' });
    expect(fake.calls.merchant).toBe(1);
    expect(fake.bodies).toHaveLength(0);
  });

  it('refuses an expired token', async () => {
    fake = await startFakeOneLink({ tokenTtlSeconds: 0 });
    const token = await tokenOf(fake);
    const answer = await postQr(fake, 'generateDQRCMerchant', fullMerchantRequest(ids), bearer(token));
    expect(answer.status).toBe(401);
  });

  it('refuses revoked tokens and admits ones issued after', async () => {
    fake = await startFakeOneLink();
    const old = await tokenOf(fake);
    const body = fullMerchantRequest(ids);
    expect((await postQr(fake, 'generateDQRCMerchant', body, bearer(old))).status).toBe(200);
    fake.revokeTokens();
    expect((await postQr(fake, 'generateDQRCMerchant', body, bearer(old))).status).toBe(401);
    const fresh = await tokenOf(fake);
    expect((await postQr(fake, 'generateDQRCMerchant', body, bearer(fresh))).status).toBe(200);
  });

  it('checks X-IBM-Client-Id when a client id is configured', async () => {
    fake = await startFakeOneLink({ clientId: 'id-1' });
    const token = await tokenOf(fake);
    const body = fullMerchantRequest(ids);
    const other = { ...bearer(token), 'x-ibm-client-id': 'id-2' };
    expect((await postQr(fake, 'generateDQRCMerchant', body, other)).status).toBe(401);
    expect((await postQr(fake, 'generateDQRCMerchant', body, bearer(token))).status).toBe(200);
  });

  it('admits a token that an injected token reply made up', async () => {
    fake = await startFakeOneLink();
    fake.script('token', {
      status: 200,
      body: { access_token: 'canary-1', token_type: 'Bearer', expires_in: 60 },
    });
    const token = await tokenOf(fake);
    expect(token).toBe('canary-1');
    const answer = await postQr(fake, 'generateDQRCMerchant', fullMerchantRequest(ids), bearer(token));
    expect(answer.status).toBe(200);
  });
});
