import {
  type AggregatorQrInput,
  createOneLinkClient,
  type MerchantQrInput,
  MOCK_SCENARIO_STATUS,
  type MockScenario,
  mockScenario,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkRateLimitError,
  type QrResponse,
} from '@onelink-kit/client';
import { parseOneLinkDateTime } from '@onelink-kit/core';
import { defaultLayout, type FixtureFile, loadFixtures, preferHeader } from '@onelink-kit/mock';
import { rejectedBy } from '@onelink-kit/testkit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';

// Contract test 3: the generated client, through @onelink-kit/client, against Prism serving the
// fixtures: each scenario's body comes back typed, each error scenario as the right typed error.
const fixtures = loadFixtures(defaultLayout().fixturesDir);
const qrFixtures = fixtures.filter((f) => f.operationId.startsWith('generateDQRC'));
// The fixtures' requests are for 2026-11-22 10:00 PKT with a 10:15 expiry; the client checks expiry
// against its clock, so give it that clock instead of letting the test depend on today's date.
const NOW = parseOneLinkDateTime('2026-11-22T10:00:00')!;

const mock = sharedMock('1link-p2m-qr');

/** A client on the mock, with a fetch that counts calls and can add headers to token requests. */
function clientOnMock(tokenHeaders: Record<string, string> = {}) {
  const calls: string[] = [];
  const fetchSpy: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    calls.push(path);
    if (path === '/oauth2/token') {
      const headers = new Headers(request.headers);
      for (const [k, v] of Object.entries(tokenHeaders)) headers.set(k, v);
      return fetch(new Request(request, { headers }));
    }
    return fetch(request);
  };
  const client = createOneLinkClient({
    baseUrl: mock.url,
    tokenUrl: `${mock.url}/oauth2/token`,
    clientId: 'contract-test-client-id',
    clientSecret: 'contract-test-client-secret',
    fetch: fetchSpy,
    retry: false,
    now: () => NOW,
  });
  return { client, calls };
}

const isMockScenario = (name: string): name is MockScenario => Object.hasOwn(MOCK_SCENARIO_STATUS, name);

function call(f: FixtureFile, client: ReturnType<typeof clientOnMock>['client']) {
  const body = f.fixture.request.body;
  if (!isMockScenario(f.scenario)) throw new Error(`${f.file}: mockScenario() does not know ${f.scenario}`);
  const opts = { headers: mockScenario(f.scenario) };
  return f.operationId === 'generateDQRCMerchant'
    ? client.generateDQRCMerchant(body as MerchantQrInput, opts)
    : client.generateDQRCAggregator(body as AggregatorQrInput, opts);
}

/** What the client must throw for each error scenario (a new fixture needs an entry here). */
const EXPECTED_ERRORS: Record<
  string,
  { type: new (...a: never[]) => Error; props: Record<string, unknown> }
> = {
  'validation-error': {
    type: OneLinkApiError,
    props: { status: 400, responseCode: '12', kind: 'validation', retryable: false },
  },
  'invalid-amount': {
    type: OneLinkApiError,
    props: { status: 400, responseCode: '13', kind: 'validation', retryable: false },
  },
  'duplicate-rrn': {
    type: OneLinkApiError,
    props: { status: 409, responseCode: '94', kind: 'duplicate', retryable: false },
  },
  unauthorized: { type: OneLinkAuthError, props: { status: 401 } },
  forbidden: { type: OneLinkApiError, props: { status: 403, kind: 'forbidden', retryable: false } },
  'rate-limited': { type: OneLinkRateLimitError, props: { status: 429, retryAfter: 30 } },
  'server-error': {
    type: OneLinkApiError,
    props: { status: 500, responseCode: '96', kind: 'upstream', retryable: false },
  },
  'issuer-unavailable': {
    type: OneLinkApiError,
    props: { status: 503, responseCode: '91', kind: 'transient', retryable: true },
  },
};

describe('@onelink-kit/client against the Prism mock', () => {
  it('mockScenario() knows every 1LINK fixture scenario and sends the Prefer header SCENARIOS.md documents', () => {
    const oneLinkFixtures = fixtures.filter(
      (f) => f.operationId === 'requestToken' || f.operationId.startsWith('generateDQRC'),
    );
    expect(oneLinkFixtures.length).toBeGreaterThan(0);
    for (const f of oneLinkFixtures) {
      expect(isMockScenario(f.scenario), `${f.file}: add ${f.scenario} to MOCK_SCENARIO_STATUS`).toBe(true);
      expect(mockScenario(f.scenario as MockScenario).Prefer, f.file).toBe(
        preferHeader(f.fixture.response.status, f.scenario),
      );
    }
  });

  it.each(qrFixtures.filter((f) => f.scenario === 'success').map((f) => ({ name: f.operationId, f })))(
    '$name success: the fixture body, typed as QrResponse',
    async ({ f }) => {
      const { client } = clientOnMock();
      const result = await call(f, client);
      expectTypeOf(result.data).toEqualTypeOf<QrResponse>();
      expect(result.status).toBe(200);
      expect(result.data).toEqual(f.fixture.response.body);
      expect(result.data.qrString).toMatch(/^000201/);
      expect({ stan: result.stan, rrn: result.rrn }).toEqual({
        stan: result.data.stan,
        rrn: result.data.rrn,
      });
    },
  );

  it.each(
    qrFixtures
      .filter((f) => f.scenario !== 'success')
      .map((f) => ({ name: `${f.operationId} ${f.scenario}`, f })),
  )('$name: the typed error', async ({ f }) => {
    const want = EXPECTED_ERRORS[f.scenario];
    expect(want, `no expectation for scenario ${f.scenario}`).toBeDefined();
    const { client } = clientOnMock();
    const error = await rejectedBy(call(f, client), want!.type);
    expect(error).toMatchObject(want!.props);
    // 1LINK response-code bodies reach the caller through the error, as sent.
    const body = f.fixture.response.body as Record<string, unknown>;
    if (typeof body.responseCode === 'string') {
      expect(error).toMatchObject({
        responseCode: body.responseCode,
        responseDescription: body.responseDescription,
      });
    }
  });

  it('unauthorized: refreshes the token and re-sends once before giving up', async () => {
    const f = qrFixtures.find((x) => x.scenario === 'unauthorized')!;
    const { client, calls } = clientOnMock();
    await expect(call(f, client)).rejects.toBeInstanceOf(OneLinkAuthError);
    expect(calls).toEqual(['/oauth2/token', `/${f.operationId}`, '/oauth2/token', `/${f.operationId}`]);
  });

  it('requestToken success: the token from the fixture', async () => {
    const f = fixtures.find((x) => x.operationId === 'requestToken' && x.scenario === 'success')!;
    const { client } = clientOnMock();
    await expect(client.tokens.getToken()).resolves.toBe(
      (f.fixture.response.body as { access_token: string }).access_token,
    );
  });

  it('requestToken invalid-client: OneLinkAuthError with the OAuth error', async () => {
    const { client } = clientOnMock(mockScenario('invalid-client'));
    const error = await rejectedBy(client.tokens.getToken(), OneLinkAuthError);
    expect(error).toMatchObject({ status: 401, reason: 'invalid_client' });
  });
});
