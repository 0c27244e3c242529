// Runtime behaviour of clients generated from the fixture specs (GET with path/query/header parameters,
// form and JSON bodies, a spec $ref-ing another), generated fresh into generated/.tmp so openapi-fetch
// resolves from the generated package, then driven with an injected fake fetch.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGenerated } from '@onelink-kit/codegen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest, recordingFetch } from '../../generated/test/support/recording-fetch.js';

const generatedRoot = fileURLToPath(new URL('../../generated/', import.meta.url));
const baseUrl = 'http://127.0.0.1:9/api';

type Method = (
  input?: unknown,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; response: Response }>;
type Client = Record<string, Method>;
type ClientModule = {
  createApiClient(options: {
    baseUrl: string;
    fetch?: typeof fetch;
    headers?: Record<string, string>;
  }): Client;
  operationIds: readonly string[];
};

let outDir: string;
const modules: Record<string, ClientModule> = {};

beforeAll(async () => {
  await mkdir(join(generatedRoot, '.tmp'), { recursive: true });
  outDir = await mkdtemp(join(generatedRoot, '.tmp', 'client-'));
  await writeGenerated({ specDir: join(generatedRoot, 'test/fixtures/specs'), outDir });
  for (const name of ['mini-qr', 'mini-gateway']) {
    modules[name] = (await import(join(outDir, name, 'client.ts'))) as ClientModule;
  }
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const cases: {
  name: string;
  given: { spec: string; op: string; args: [unknown?, Record<string, unknown>?] };
  want: RecordedRequest;
}[] = [
  {
    name: 'GET with path, query and header parameters',
    given: {
      spec: 'mini-qr',
      op: 'getAuthCode',
      args: [
        {
          params: {
            path: { merchantId: 'M 1/2' },
            query: { scope: 'CARD_REGISTRATION', state: 'a'.repeat(32) },
            header: { 'X-TIMESTAMP': '2026-11-22T10:00:00.000+05:00' },
          },
        },
      ],
    },
    want: {
      method: 'GET',
      url: `${baseUrl}/authCode/M%201%2F2?scope=CARD_REGISTRATION&state=${'a'.repeat(32)}`,
      headers: { 'x-default': 'd', 'x-timestamp': '2026-11-22T10:00:00.000+05:00' },
      body: '',
    },
  },
  {
    name: 'form-urlencoded body from the spec content type, per-call baseUrl',
    given: {
      spec: 'mini-qr',
      op: 'requestToken',
      args: [
        { grant_type: 'client_credentials', client_id: 'a&b', client_secret: 's=1' },
        { baseUrl: 'http://127.0.0.1:9' },
      ],
    },
    want: {
      method: 'POST',
      url: 'http://127.0.0.1:9/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-default': 'd' },
      body: 'grant_type=client_credentials&client_id=a%26b&client_secret=s%3D1',
    },
  },
  {
    name: 'JSON body, per-call header wins over the default',
    given: {
      spec: 'mini-qr',
      op: 'generateQr',
      args: [{ merchantId: 'M1', amount: 310 }, { headers: { 'X-Default': 'call' } }],
    },
    want: {
      method: 'POST',
      url: `${baseUrl}/generateQr`,
      headers: { 'content-type': 'application/json', 'x-default': 'call' },
      body: '{"merchantId":"M1","amount":310}',
    },
  },
  {
    name: 'params and body together take { params, body } (spec $ref-ing another spec)',
    given: {
      spec: 'mini-gateway',
      op: 'createQr',
      args: [{ params: { header: { 'Idempotency-Key': 'k1' } }, body: { merchantId: 'M1', amount: 5 } }],
    },
    want: {
      method: 'POST',
      url: `${baseUrl}/qr`,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k1', 'x-default': 'd' },
      body: '{"merchantId":"M1","amount":5}',
    },
  },
  {
    name: 'no parameters and no body: input is optional',
    given: { spec: 'mini-gateway', op: 'health', args: [] },
    want: { method: 'GET', url: `${baseUrl}/health`, headers: { 'x-default': 'd' }, body: '' },
  },
];

describe('generated client (fixture specs)', () => {
  it.each(cases)('$name', async ({ given, want }) => {
    const { fetch, seen } = recordingFetch(200, { authCode: 'code-1' });
    const client = modules[given.spec]!.createApiClient({ baseUrl, fetch, headers: { 'X-Default': 'd' } });
    await client[given.op]!(...given.args);
    expect(seen).toEqual([want]);
  });

  it.each([
    {
      given: 'getQrPng',
      args: [{ params: { path: { id: 'q1' } } }],
      want: { type: 'image/png', read: 'blob' },
    },
    { given: 'getMetrics', args: [], want: { type: 'text/plain', read: 'text' } },
  ])('$given reads its non-JSON success body as $want.read', async ({ given, args, want }) => {
    const payload = 'not json \u0089PNG';
    const fetch: typeof globalThis.fetch = async () =>
      new Response(payload, { status: 200, headers: { 'Content-Type': want.type } });
    const client = modules['mini-gateway']!.createApiClient({ baseUrl, fetch });
    const { data } = await client[given]!(...args);
    if (want.read === 'blob') {
      expect(data).toBeInstanceOf(Blob);
      expect(await (data as Blob).text()).toBe(payload);
    } else {
      expect(data).toBe(payload);
    }
  });

  it('has one method per operationId', () => {
    for (const mod of Object.values(modules)) {
      const client = mod.createApiClient({ baseUrl });
      expect(Object.keys(client)).toEqual([...mod.operationIds]);
    }
  });
});
