import {
  defaultLayout,
  formatIssues,
  listOperations,
  loadFixtures,
  loadSpecs,
  OpenApiValidator,
  type OperationRef,
  TEST_LINK_HASH_KEY,
  TEST_SNAP_CLIENT_SECRET,
} from '@onelink-kit/mock';
import { signLink, signSnap } from '@onelink-kit/signing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregatorBody, fixture, merchantBody, startTestSim, type TestSim, token } from './sim-helpers.js';

// The contract sweep: every operation of every spec the simulator serves, with generated valid and
// invalid requests; every answer must be one its spec declares, with a body that validates, and
// none may be the simulator failing (500 without a Prefer).

const layout = defaultLayout();
const specs = loadSpecs(layout.specDir, layout.repoRoot).filter((s) => s.mockPortOffset !== undefined);
const validator = new OpenApiValidator(specs);
const recorded = loadFixtures(layout.fixturesDir);
// Cases per property in a test run; SWEEP_RUNS=3000 hunts longer by hand (two such runs of every property
// passed after the sl-violations escape, each in about three minutes).
const RUNS = Number(process.env.SWEEP_RUNS ?? 25);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`SWEEP_RUNS must be a whole number from 1, got ${process.env.SWEEP_RUNS}`);

let sim: TestSim;
let accessToken: string;
beforeAll(async () => {
  sim = await startTestSim();
  accessToken = await token(sim.url('1link-p2m-qr'), 'sweep-client');
});
afterAll(() => sim.stop());

interface Sent {
  target: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

type Json = Record<string, unknown>;

const text = fc.stringMatching(/^[A-Za-z0-9 .,'&()-]{1,25}$/).filter((s) => s.trim() !== '');
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const amount = fc.integer({ min: 1, max: 9_999_999_999 });
const linkAmount = fc
  .integer({ min: 1, max: 99_999_999 })
  .map((p) => `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`);
const linkId = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);

/** A valid request for each operation, varied where the spec lets it vary. */
const valid: Record<string, () => fc.Arbitrary<Sent>> = {
  requestToken: () =>
    fc
      .record({ id: fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/), secret: fc.stringMatching(/^[!-~]{1,40}$/) })
      .map(({ id, secret }) => ({
        target: '/oauth2/token',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: id,
          client_secret: secret,
          scope: '1LinkApi',
        }).toString(),
      })),
  generateDQRCMerchant: () =>
    fc
      .record({ name: text, city: text, amount, stan: digits(6), rrn: digits(12), mcc: digits(4) })
      .map((v) => {
        const body = merchantBody(sim.clock(), { amount: v.amount, rrn: v.rrn }) as {
          merchantDetails: Json & { postalAddress: Json };
          info: Json;
        };
        body.merchantDetails.dbaName = v.name;
        body.merchantDetails.merchantCategoryCode = v.mcc;
        body.merchantDetails.postalAddress.townName = v.city;
        body.info.stan = v.stan;
        return qrSend('/generateDQRCMerchant', body);
      }),
  generateDQRCAggregator: () =>
    fc.record({ amount: fc.oneof(amount, amount.map(String)), rrn: digits(12) }).map((v) => {
      const body = aggregatorBody(sim.clock(), v.rrn) as { payerDetails: { paymentDetails: Json } };
      body.payerDetails.paymentDetails.instructedAmount = v.amount;
      return qrSend('/generateDQRCAggregator', body);
    }),
  getTemplate: () => fc.constant(linkSend('/getTemplate', { merchantId: 'MID123', password: 'pw' })),
  getTemplateDetails: () =>
    fc
      .oneof(fc.constantFrom('TPL-001', 'TPL-002'), linkId)
      .map((templateNo) =>
        linkSend('/getTemplateDetails', { merchantId: 'MID123', password: 'pw', templateNo }),
      ),
  createPaymentLink: () =>
    fc
      .record({
        txn: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        amount: linkAmount,
        channel: fc.constantFrom('EMAIL', 'SMS', 'EMAIL_SMS', 'NONE'),
      })
      .map((v) => {
        const body: Json = {
          ...fixture('createPaymentLink', 'success').request.body,
          password: 'pw',
          merchantTxnId: v.txn,
          amount: v.amount,
          deliveryChannel: v.channel,
        };
        body.signature = signLink(TEST_LINK_HASH_KEY, {
          mid: 'MID123',
          password: 'pw',
          amount: v.amount,
          merchantTxnId: v.txn,
        }).signature;
        return linkSend('/createPaymentLink', body);
      }),
  resendPaymentLink: () =>
    linkId.map((invoiceNo) => linkSend('/resendPaymentLink', invoiceAction(invoiceNo))),
  cancelPaymentLink: () =>
    linkId.map((invoiceNo) => linkSend('/cancelPaymentLink', invoiceAction(invoiceNo))),
  getOAuthCode: () =>
    fc
      .record({ state: fc.stringMatching(/^[a-z0-9]{32}$/), ext: fc.stringMatching(/^[A-Za-z0-9]{32}$/) })
      .map((v) => {
        const recorded = fixture('getOAuthCode', 'success').request;
        const target = recorded.path.replace(/state=[^&]+/, `state=${v.state}`);
        const timestamp = `${new Date(sim.clock() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
        const signature = signSnap(TEST_SNAP_CLIENT_SECRET, {
          method: 'GET',
          urlPath: target,
          accessToken: 'tok',
          timestamp,
        }).signature;
        return {
          target,
          method: 'GET',
          headers: {
            ...recorded.headers,
            authorization: 'Bearer tok',
            'x-timestamp': timestamp,
            'x-signature': signature,
            'x-external-id': v.ext,
          },
        };
      }),
};

function qrSend(target: string, body: unknown): Sent {
  const headers = {
    'content-type': 'application/json',
    'x-ibm-client-id': 'sweep-client',
    authorization: `Bearer ${accessToken}`,
  };
  return { target, method: 'POST', headers, body: JSON.stringify(body) };
}
function linkSend(target: string, body: unknown): Sent {
  return {
    target,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
function invoiceAction(invoiceNo: string): Json {
  return {
    merchantId: 'MID123',
    password: 'pw',
    invoiceNo,
    signature: signLink(TEST_LINK_HASH_KEY, { mid: 'MID123', password: 'pw', invoiceNo }).signature,
  };
}

/** Ways to spoil a valid request: the body, its content type, a header, or the credentials. */
const spoil = fc.oneof(
  fc.constant((s: Sent): Sent => (s.body === undefined ? s : { ...s, body: '{"unterminated":' })),
  fc.constant((s: Sent): Sent => ({ ...s, headers: { ...s.headers, 'content-type': 'text/plain' } })),
  fc.jsonValue().map(
    (v) =>
      (s: Sent): Sent =>
        s.body === undefined ? s : { ...s, body: JSON.stringify(v) },
  ),
  fc.constant((s: Sent): Sent => {
    const { authorization: _a, 'x-ibm-client-id': _c, ...headers } = s.headers;
    return { ...s, headers };
  }),
  fc.constant(
    (s: Sent): Sent => ({ ...s, body: s.body === undefined ? s.body : `${s.body.slice(0, -1)},"extra":1}` }),
  ),
  fc
    .constantFrom('x-timestamp', 'x-signature', 'channel-id', 'x-partner-id')
    .map((name) => (s: Sent): Sent => {
      const { [name]: _dropped, ...headers } = s.headers;
      return { ...s, headers };
    }),
  fc.string({ maxLength: 30 }).map(
    (junk) =>
      (s: Sent): Sent => ({
        ...s,
        target: `${s.target}${s.target.includes('?') ? '&' : '?'}state=${encodeURIComponent(junk)}`,
      }),
  ),
);

async function send(op: OperationRef, s: Sent): Promise<string[]> {
  const url = `${sim.url(op.spec.name)}${s.target}`;
  // An answer that never comes fails this request within seconds, and fast-check then prints the
  // request, instead of the whole property running into the test's timeout (once, unexplained).
  const res = await fetch(url, {
    signal: AbortSignal.timeout(10_000),
    method: s.method,
    headers: s.headers,
    ...(s.body === undefined ? {} : { body: s.body }),
  });
  const raw = await res.text();
  const headers = Object.fromEntries(res.headers.entries());
  const problems = validator
    .validateResponse(op, { status: res.status, headers, body: raw === '' ? undefined : JSON.parse(raw) })
    .map((i) => `${i.location}: ${i.message}`);
  if (res.status === 500 && !s.headers.prefer) problems.push(`500 from the simulator itself: ${raw}`);
  return problems;
}

const operations = specs.flatMap((s) => listOperations(s));

describe('contract sweep: every answer validates against its spec', () => {
  it('covers every operation the simulator serves', () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(valid).sort());
  });

  describe.each(operations.map((op) => ({ id: op.operationId, op })))('$id', ({ id, op }) => {
    const arbitrary = valid[id];
    if (!arbitrary) throw new Error(`no request generator for ${id}`);

    it('valid requests', async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (s) => {
          const problems = await send(op, s);
          expect(problems, formatIssues(problems.map((p) => ({ location: id, message: p })))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });

    it('spoiled requests', async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary(), spoil, async (s, change) => {
          const problems = await send(op, change(s));
          expect(problems).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });

    it('every recorded scenario selected with Prefer', async () => {
      const [base] = fc.sample(arbitrary(), 1);
      if (!base) throw new Error('no sample');
      const scenarios = recorded.filter((f) => f.operationId === id);
      expect(scenarios.length).toBeGreaterThan(0);
      for (const { scenario, fixture: f } of scenarios) {
        const status = f.response.status;
        const problems = await send(op, {
          ...base,
          headers: { ...base.headers, prefer: `code=${status}, example=${scenario}` },
        });
        expect({ scenario, problems }).toEqual({ scenario, problems: [] });
      }
    });
  });
});
