import {
  createLinkPaymentsClient,
  LinkPaymentsApiError,
  linkResponseCodes,
} from '@onelink-kit/link-payments';
import { defaultLayout, indexFixtures, preferHeader, TEST_LINK_HASH_KEY } from '@onelink-kit/mock';
import { verifyLink } from '@onelink-kit/signing';
import { rejectedBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';

// @onelink-kit/link-payments against Prism serving spec/link-payments.yaml + its fixtures (as `pnpm mock`
// does, built into a temp dir, on an OS-chosen loopback port). For every scenario of every operation the
// client sends the body the fixture recorded (signature included, except where the fixture recorded a wrong
// one) and maps the answer: success to its data, every OTS error to LinkPaymentsApiError classified by the table.
const KEY = TEST_LINK_HASH_KEY;
// The fixtures' create requests expire 2026-11-29 PKT; the client checks expiry against this clock.
const NOW = new Date('2026-11-21T23:00:00Z');

const layout = defaultLayout();
const index = indexFixtures(layout);
const fixtures = index.fixtures.filter(
  (f) => index.operations.get(f)?.spec.specFile === 'spec/link-payments.yaml',
);
type Body = Record<string, unknown>;

const mock = sharedMock('link-payments');

function call(
  operationId: string,
  body: Body,
  client: ReturnType<typeof createLinkPaymentsClient>,
  prefer: string,
) {
  const { merchantId: _m, password: _p, signature: _s, ...input } = body;
  const options = { headers: { Prefer: prefer } };
  switch (operationId) {
    case 'getTemplate':
      return client.getTemplate(options);
    case 'getTemplateDetails':
      return client.getTemplateDetails(input as never, options);
    case 'createPaymentLink':
      return client.createPaymentLink(input as never, options);
    case 'resendPaymentLink':
      return client.resendPaymentLink(input as never, options);
    case 'cancelPaymentLink':
      return client.cancelPaymentLink(input as never, options);
    default:
      throw new Error(`unknown operation ${operationId}`);
  }
}

describe('link-payments client against Prism', () => {
  it.each(fixtures.map((f) => ({ name: `${f.operationId}/${f.scenario}`, f })))('$name', async ({ f }) => {
    const recorded = f.fixture.request.body as Body;
    const sent: Body[] = [];
    const client = createLinkPaymentsClient({
      baseUrl: mock.url,
      merchantId: String(recorded.merchantId),
      password: String(recorded.password),
      hashKey: KEY,
      now: () => NOW,
      fetch: async (input, init) => {
        const r = new Request(input, init);
        sent.push((await r.clone().json()) as Body);
        return fetch(r);
      },
    });
    const result = call(f.operationId, recorded, client, preferHeader(f.fixture.response.status, f.scenario));
    const body = f.fixture.response.body as { statusCode: string };
    if (f.scenario === 'success') {
      await expect(result).resolves.toMatchObject({ status: 200, statusCode: body.statusCode, data: body });
    } else {
      const err = await rejectedBy(result, LinkPaymentsApiError);
      const entry = linkResponseCodes.get(body.statusCode)!;
      expect(err).toMatchObject({
        operationId: f.operationId,
        status: f.fixture.response.status,
        statusCode: body.statusCode,
        kind: entry.kind,
        retryable: entry.retryable,
        outcome: entry.retryable ? 'retryable' : 'caller-error',
      });
    }

    // What went over the wire is what the fixture recorded; only a deliberately wrong signature differs,
    // and the client's own signature verifies.
    const wire = sent[0]!;
    if (f.scenario === 'signature-mismatch') {
      expect({ ...wire, signature: undefined }).toEqual({ ...recorded, signature: undefined });
      expect(wire.signature).not.toBe(recorded.signature);
      const input =
        f.operationId === 'createPaymentLink'
          ? {
              mid: String(wire.merchantId),
              password: String(wire.password),
              amount: String(wire.amount),
              merchantTxnId: String(wire.merchantTxnId),
            }
          : {
              mid: String(wire.merchantId),
              password: String(wire.password),
              invoiceNo: String(wire.invoiceNo),
            };
      expect(verifyLink(KEY, input, String(wire.signature))).toBe(true);
    } else {
      expect(wire).toEqual(recorded);
    }
  });

  it('Prism itself rejects a body that breaks the spec (signature not hex)', async () => {
    const f = fixtures.find((x) => x.operationId === 'cancelPaymentLink' && x.scenario === 'success')!;
    const res = await fetch(`${mock.url}/cancelPaymentLink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...(f.fixture.request.body as Body), signature: 'not-hex' }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('sl-violations') ?? '').toMatch(/signature/);
  });
});
