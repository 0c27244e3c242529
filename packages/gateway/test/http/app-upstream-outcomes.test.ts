import { type FakeReply, gatewayProblem, oneLinkExample } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { appUnderTest, bearer, rejection } from '../support/app-under-test.js';
import { merchantRequest } from '../support/gateway-harness.js';

// The gateway in front of a fake 1LINK (app-under-test.ts); Prism-backed end-to-end tests are in the
// root test/gateway/.
const app = appUnderTest();
const { api, upstreamCalls } = app;

describe('upstream outcomes: stored with the right status, answered from the catalogue', () => {
  const cases = [
    {
      name: '12 validation',
      reply: rejection(400, '12', 'Invalid transaction / request field'),
      status: 422,
      problem: 'upstream-rejected',
      stored: 'rejected',
      attempts: 1,
    },
    {
      name: '13 invalid amount',
      reply: rejection(400, '13', 'Invalid amount'),
      status: 422,
      problem: 'upstream-rejected',
      stored: 'rejected',
      attempts: 1,
    },
    {
      name: '94 duplicate RRN (never retried)',
      reply: rejection(409, '94', 'Duplicate transmission (duplicate RRN)'),
      status: 409,
      problem: 'upstream-duplicate-rrn',
      stored: 'rejected',
      attempts: 1,
    },
    {
      name: '91 switch inoperative (retried once, then failed)',
      reply: rejection(503, '91', 'Switch or issuer inoperative'),
      status: 503,
      problem: 'upstream-unavailable',
      stored: 'failed',
      attempts: 2,
    },
    {
      name: '96 system malfunction (may exist upstream)',
      reply: rejection(500, '96', 'System malfunction'),
      status: 502,
      problem: 'upstream-error',
      stored: 'unknown',
      attempts: 1,
    },
    {
      name: '401 twice (token refresh did not help)',
      reply: {
        status: 401,
        body: { httpCode: '401', httpMessage: 'Unauthorized', moreInformation: 'x' },
      },
      status: 502,
      problem: 'upstream-auth',
      stored: 'failed',
      attempts: 2,
    },
    {
      name: '429 rate limited',
      reply: {
        status: 429,
        body: { httpCode: '429', httpMessage: 'Too Many Requests', moreInformation: 'Rate Limit exceeded' },
        headers: { 'retry-after': '30' },
      },
      status: 429,
      problem: 'upstream-rate-limited',
      stored: 'failed',
      attempts: 1,
    },
    {
      name: 'no answer (timeout)',
      reply: 'hang' as FakeReply,
      status: 504,
      problem: 'upstream-timeout',
      stored: 'unknown',
      attempts: 1,
    },
  ];
  it.each(cases)(
    '$name → $status $problem, row $stored',
    async ({ reply, status, problem, stored, attempts }) => {
      app.fake.always('qr', reply);
      const calls = upstreamCalls();
      const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: `urn:onelink-kit:problem:${problem}`,
        status,
        transactionStatus: stored,
      });
      expect(res.body.rrn).toMatch(/^\d{12}$/);
      expect(upstreamCalls() - calls).toBe(attempts);
      if (status === 429) expect(res.headers['retry-after']).toBe('30');

      // 1LINK's own answer is stored, not only the client's summary of it.
      const row = await app.gw.store.findById(res.body.transactionId);
      if (typeof reply === 'object' && 'body' in reply) {
        expect(row?.upstreamResponse).toMatchObject({ httpStatus: reply.status, body: reply.body });
      }

      const view = await api().get(`/v1/qr/${res.body.transactionId}`).set(bearer).expect(200);
      expect(view.body).toMatchObject({ status: stored, rrn: res.body.rrn });
      expect(view.body.qr).toBeUndefined();
      expect(view.body.links.png).toBeUndefined();
      await api().get(`/v1/qr/${res.body.transactionId}/image.png`).set(bearer).expect(409);
    },
  );

  it('a QR that disagrees with the request is stored and reported, never passed on as a success', async () => {
    // The 1LINK spec's example QR: someone else's RRN and expiry. The RRN is what 1LINK settles by,
    // so the QR is refused (upstream-qr-mismatch); the stored check keeps every difference.
    const { qrString } = oneLinkExample('MerchantQrSuccess');
    app.fake.always('qr', (req) => ({ status: 200, body: { ...app.fake.successBody(req), qrString } }));
    const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(502);
    expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
    expect(res.body.mismatches.map((m: { field: string }) => m.field)).toContain('info.rrn');
    const row = await app.gw.store.findById(res.body.transactionId);
    expect(row?.qrMismatch).toBe(true);
    expect(row?.status).toBe('mismatched');
    const check = row?.qrCheck as { ok: boolean; mismatches: Array<{ field: string }> };
    expect(check.ok).toBe(false);
    const fields = check.mismatches.map((m) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['info.rrn', 'paymentDetails.expiryDateTime']));
    const metrics = await api().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/gateway_qr_mismatches_total\{kind="merchant"\} [1-9]/);
  });

  it('an unreadable QR payload is a 502, with the answer kept for reconciliation', async () => {
    app.fake.always('qr', (req) => ({
      status: 200,
      body: { ...app.fake.successBody(req), qrString: '000201010212630400' },
    }));
    const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(502);
    expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
    const row = await app.gw.store.findById(res.body.transactionId);
    expect(row).toMatchObject({ status: 'mismatched', qrMismatch: true, qrString: '000201010212630400' });
  });
});
