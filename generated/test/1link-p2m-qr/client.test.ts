// The generated client against an injected fake fetch: what goes on the wire for each operation, and how
// responses come back. The base URL is loopback so a bug could never reach 1LINK.
import { describe, expect, it } from 'vitest';
import { type ApiClient, createApiClient, document, operationInfo } from '../../src/1link-p2m-qr/index.js';
import { recordingFetch } from '../support/recording-fetch.js';

const baseUrl = 'http://127.0.0.1:9/1Link';
const tokenBaseUrl = 'http://127.0.0.1:9';
const examples = document.components.examples;

interface Case {
  name: string;
  given: (client: ApiClient) => Promise<unknown>;
  want: { method: string; url: string; headers: Record<string, string>; body: (raw: string) => unknown };
  wantBody: unknown;
}

const tokenRequest = {
  grant_type: 'client_credentials',
  client_id: 'client id/1',
  client_secret: 'p@ss w&rd=',
  scope: '1LinkApi',
} as const;

const cases: Case[] = [
  {
    name: 'generateDQRCMerchant sends the JSON body with default and per-call headers',
    given: (client) =>
      client.generateDQRCMerchant(examples.MerchantRequestSuccess.value, {
        headers: { Authorization: 'Bearer test-token' },
      }),
    want: {
      method: 'POST',
      url: `${baseUrl}/generateDQRCMerchant`,
      headers: {
        'content-type': 'application/json',
        'x-ibm-client-id': 'test-client-id',
        authorization: 'Bearer test-token',
      },
      body: (raw) => JSON.parse(raw),
    },
    wantBody: examples.MerchantRequestSuccess.value,
  },
  {
    name: 'generateDQRCAggregator sends the JSON body (string amount kept as given)',
    given: (client) => client.generateDQRCAggregator(examples.AggregatorRequestSuccess.value),
    want: {
      method: 'POST',
      url: `${baseUrl}/generateDQRCAggregator`,
      headers: { 'content-type': 'application/json', 'x-ibm-client-id': 'test-client-id' },
      body: (raw) => JSON.parse(raw),
    },
    wantBody: examples.AggregatorRequestSuccess.value,
  },
  {
    name: 'requestToken form-encodes the body from the spec content type and honours a per-call baseUrl',
    given: (client) => client.requestToken(tokenRequest, { baseUrl: tokenBaseUrl }),
    want: {
      method: 'POST',
      url: `${tokenBaseUrl}/oauth2/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: (raw) => raw,
    },
    wantBody:
      'grant_type=client_credentials&client_id=client+id%2F1&client_secret=p%40ss+w%26rd%3D&scope=1LinkApi',
  },
];

describe('generated 1link-p2m-qr client', () => {
  it.each(cases)('$name', async ({ given, want, wantBody }) => {
    const { fetch, seen } = recordingFetch(200, {});
    const client = createApiClient({ baseUrl, fetch, headers: { 'X-IBM-Client-Id': 'test-client-id' } });

    await given(client);

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe(want.method);
    expect(request?.url).toBe(want.url);
    expect(request?.headers).toMatchObject(want.headers);
    expect(want.body(request?.body ?? '')).toEqual(wantBody);
  });

  it('form encoding round-trips every token field', async () => {
    const { fetch, seen } = recordingFetch(200, {});
    await createApiClient({ baseUrl: tokenBaseUrl, fetch }).requestToken(tokenRequest);
    expect(Object.fromEntries(new URLSearchParams(seen[0]?.body))).toEqual(tokenRequest);
  });

  it('returns typed data on success and typed error otherwise', async () => {
    const success = recordingFetch(200, examples.MerchantQrSuccess.value);
    const ok = await createApiClient({ baseUrl, fetch: success.fetch }).generateDQRCMerchant(
      examples.MerchantRequestMinimal.value,
    );
    expect(ok.response.status).toBe(200);
    expect(ok.data?.qrString).toBe(examples.MerchantQrSuccess.value.qrString);
    expect(ok.error).toBeUndefined();

    const duplicate = recordingFetch(409, examples.DuplicateRrn.value);
    const failed = await createApiClient({ baseUrl, fetch: duplicate.fetch }).generateDQRCMerchant(
      examples.MerchantRequestMinimal.value,
    );
    expect(failed.response.status).toBe(409);
    expect(failed.data).toBeUndefined();
    expect(failed.error).toEqual(examples.DuplicateRrn.value);
  });

  it('a per-call fetch replaces the client one', async () => {
    const clientLevel = recordingFetch(200, {});
    const callLevel = recordingFetch(200, {});
    await createApiClient({ baseUrl, fetch: clientLevel.fetch }).generateDQRCAggregator(
      examples.AggregatorRequestIntegerAmount.value,
      { fetch: callLevel.fetch },
    );
    expect(clientLevel.seen).toHaveLength(0);
    expect(callLevel.seen).toHaveLength(1);
  });

  it('operationInfo matches the spec paths and the token servers override', () => {
    for (const [id, info] of Object.entries(operationInfo)) {
      const pathItem = document.paths[info.path as keyof typeof document.paths];
      const op = pathItem[info.method.toLowerCase() as keyof typeof pathItem] as { operationId?: string };
      expect(op.operationId).toBe(id);
    }
    expect(operationInfo.requestToken.servers[0].url).toBe(document.paths['/oauth2/token'].servers[0].url);
  });
});
