// The SNAP card-binding document's Get OAuth Code is a GET with query and header parameters: the generated client takes
// { params: { query, header } }, puts the query on the URL and the header parameters on the request.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createApiClient, type OperationInput, operationInfo } from '../../src/snap-card-binding/index.js';

const baseUrl = 'http://127.0.0.1:9/snap';

const input = {
  params: {
    query: {
      scopes: 'CARD_REGISTRATION',
      state: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      merchantId: 'MER001',
      lang: 'EN',
      seamlessData: '{"mobileNumber":"923001234567"}',
    },
    header: {
      'X-TIMESTAMP': '2026-11-22T10:00:00.000+05:00',
      'X-SIGNATURE': 'sig-value',
      'X-PARTNER-ID': 'MER001',
      'X-EXTERNAL-ID': '12345678901234567890123456789012',
      'CHANNEL-ID': '95221',
    },
  },
} satisfies OperationInput<'getOAuthCode'>;

describe('generated snap-card-binding client', () => {
  it('sends getOAuthCode as GET with the query on the URL and header parameters as headers', async () => {
    const seen: Request[] = [];
    const fetch: typeof globalThis.fetch = async (request, init) => {
      seen.push(request instanceof Request ? request : new Request(request, init));
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const client = createApiClient({ baseUrl, fetch, headers: { Authorization: 'Bearer test-token' } });

    await client.getOAuthCode(input);

    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    const url = new URL(request.url);
    expect(request.method).toBe('GET');
    expect(`${url.origin}${url.pathname}`).toBe(`${baseUrl}${operationInfo.getOAuthCode.path}`);
    expect(Object.fromEntries(url.searchParams)).toEqual(input.params.query);
    for (const [name, value] of Object.entries(input.params.header))
      expect(request.headers.get(name)).toBe(value);
    expect(request.headers.get('authorization')).toBe('Bearer test-token');
    expect(request.headers.get('content-type')).toBeNull();
    expect(await request.text()).toBe('');
  });

  it('requires the signed headers and the required query parameters in the input type', () => {
    const { 'X-SIGNATURE': _signature, ...unsigned } = input.params.header;
    const missingHeader: OperationInput<'getOAuthCode'> = {
      params: {
        query: input.params.query,
        // @ts-expect-error X-SIGNATURE is a required header parameter
        header: unsigned,
      },
    };
    const wrongScope: OperationInput<'getOAuthCode'> = {
      // @ts-expect-error scopes only allows CARD_REGISTRATION
      params: { query: { ...input.params.query, scopes: 'PAYMENT' }, header: input.params.header },
    };
    expectTypeOf([missingHeader, wrongScope]).toBeArray();
    expectTypeOf<OperationInput<'getOAuthCode'>>().toHaveProperty('params');
  });
});
