import { defaultLayout, type FixtureFile, loadFixtures } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';

// Contract test 4: Prism keeps security checks and request validation on. What it really answers
// (Prism 5.14.2, no --errors flag): a missing credential → 401 with the operation's first 401 example
// (our `unauthorized` fixture) and an `sl-violations` header; a schema-breaking body → 400 with the
// first 400 example (`validation-error`), the offending field named in `sl-violations`.
const fixtures = loadFixtures(defaultLayout().fixturesDir);
const fixture = (op: string, scenario: string): FixtureFile =>
  fixtures.find((f) => f.operationId === op && f.scenario === scenario)!;

const mock = sharedMock('1link-p2m-qr');

interface Violation {
  location: string[];
  code: string | number;
  message: string;
}
async function send(path: string, headers: Record<string, string>, body: string) {
  const res = await fetch(`${mock.url}${path}`, { method: 'POST', headers, body });
  const raw = res.headers.get('sl-violations');
  return {
    status: res.status,
    body: await res.json(),
    violations: (raw ? JSON.parse(raw) : []) as Violation[],
  };
}

const QR_OPS = ['generateDQRCMerchant', 'generateDQRCAggregator'];
const json = { 'content-type': 'application/json' };
const clientId = { 'x-ibm-client-id': 'any-client-id' };
const bearer = { authorization: 'Bearer any-token' };

describe('Prism rejects requests without credentials', () => {
  it.each(
    QR_OPS.flatMap((op) => [
      { op, name: 'no X-IBM-Client-Id', headers: { ...json, ...bearer } },
      { op, name: 'no Authorization', headers: { ...json, ...clientId } },
      { op, name: 'neither', headers: json },
      { op, name: 'Basic instead of Bearer', headers: { ...json, ...clientId, authorization: 'Basic eDp5' } },
    ]),
  )('$op, $name → 401 with the unauthorized fixture body', async ({ op, headers }) => {
    const valid = fixture(op, 'success').fixture.request.body;
    const res = await send(
      `/${op}`,
      { ...headers, prefer: 'code=200, example=success' },
      JSON.stringify(valid),
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual(fixture(op, 'unauthorized').fixture.response.body);
    expect(res.violations).toEqual([
      expect.objectContaining({ code: 401, message: 'Invalid security scheme used' }),
    ]);
  });

  it('lets the same request through with both credentials', async () => {
    const valid = fixture('generateDQRCMerchant', 'success').fixture.request.body;
    const res = await send(
      '/generateDQRCMerchant',
      { ...json, ...clientId, ...bearer },
      JSON.stringify(valid),
    );
    expect(res.status).toBe(200);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: cases break request bodies in ways their types forbid
type Loose = Record<string, any>;

describe('Prism rejects schema-breaking bodies, naming the field', () => {
  const merchant = () =>
    structuredClone(fixture('generateDQRCMerchant', 'success').fixture.request.body) as Loose;
  const aggregator = () =>
    structuredClone(fixture('generateDQRCAggregator', 'success').fixture.request.body) as Loose;
  it.each([
    {
      name: 'merchant rrn not 12 digits',
      op: 'generateDQRCMerchant',
      body: () => ({ ...merchant(), info: { stan: '1', rrn: '12ab' } }),
      want: [{ location: ['request', 'body', 'info', 'rrn'], code: 'pattern' }],
    },
    {
      name: 'merchant without iban, amount as text',
      op: 'generateDQRCMerchant',
      body: () => {
        const b = merchant();
        delete b.merchantDetails.iban;
        b.paymentDetails.instructedAmount = 'lots';
        return b;
      },
      want: [
        { location: ['request', 'body', 'merchantDetails'], code: 'required' },
        { location: ['request', 'body', 'paymentDetails', 'instructedAmount'], code: 'type' },
      ],
    },
    {
      name: 'aggregator additionalRequiredDetails outside A/M/E',
      op: 'generateDQRCAggregator',
      body: () => {
        const b = aggregator();
        b.payerDetails.additionalRequiredDetails = 'XYZ';
        return b;
      },
      want: [{ location: ['request', 'body', 'payerDetails', 'additionalRequiredDetails'], code: 'pattern' }],
    },
  ])('$name → 400 with the validation-error fixture body', async ({ op, body, want }) => {
    const res = await send(`/${op}`, { ...json, ...clientId, ...bearer }, JSON.stringify(body()));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(fixture(op, 'validation-error').fixture.response.body);
    expect(res.violations).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  it('the token endpoint: missing client_secret → 400 naming it', async () => {
    const res = await send(
      '/oauth2/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'grant_type=client_credentials&client_id=x&scope=1LinkApi',
    );
    expect(res.status).toBe(400);
    expect(res.violations).toEqual([
      expect.objectContaining({
        location: ['request', 'body'],
        code: 'required',
        message: expect.stringContaining("'client_secret'"),
      }),
    ]);
  });
});
