import {
  type FakeOneLink,
  gatewayProblem,
  type SeenRequest,
  startFakeOneLink,
  withField,
} from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storageBackends } from '../storage/backends.js';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

// Every outcome reconciliation relies on, through the real gateway, the real 1LINK client and the
// testkit's fake 1LINK, on SQLite and on Postgres: the row's status, the caller's problem, what is
// stored and what is never shown.

const backends = await storageBackends();
const auth = { Authorization: `Bearer ${API_KEY}` };

/** The fake's normal answer for a request changed first: a well-formed QR for something else. */
function answerFor(fake: FakeOneLink, req: SeenRequest, change: (body: unknown) => unknown) {
  const body = change(JSON.parse(req.text));
  return { status: 200, body: fake.successBody({ ...req, text: JSON.stringify(body) }) };
}

let fake: FakeOneLink;
beforeAll(async () => {
  fake = await startFakeOneLink();
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(() => fake.clearFaults());

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`upstream outcomes on ${backend.name}`, () => {
    let storage: Awaited<ReturnType<typeof backend.open>>;
    let gw: Awaited<ReturnType<typeof startTestGateway>>;
    beforeAll(async () => {
      storage = await backend.open();
      gw = await startTestGateway(fake.url, { DATABASE_URL: storage.databaseUrl, LOG_LEVEL: 'warn' });
    });
    afterAll(async () => {
      await gw?.cleanup();
      await storage?.close();
    });

    const create = (reference: string, key?: string) => {
      const req = request(gw.url)
        .post('/v1/qr/merchant')
        .set(auth)
        .send({ ...merchantRequest, reference });
      return key === undefined ? req : req.set('Idempotency-Key', key);
    };

    describe('the token endpoint failing: the QR operation was never called, so failed and retryable', () => {
      it.each([
        {
          name: '503',
          reply: { status: 503, body: { httpCode: '503', httpMessage: 'Service Unavailable' } },
        },
        { name: 'not JSON', reply: { status: 200, raw: '<html>maintenance</html>' } },
        { name: 'connection reset', reply: 'reset' as const },
        // Bounded by ONELINK_TIMEOUT_MS (2 s in the harness), not the token service's own default.
        { name: 'no answer', reply: 'hang' as const },
      ])('$name', async ({ name, reply }) => {
        fake.always('token', reply);
        const qrCalls = fake.calls.merchant;
        const res = await create(`token-${name}`).expect(503);
        expect(res.body).toMatchObject({
          type: 'urn:onelink-kit:problem:upstream-unavailable',
          transactionStatus: 'failed',
          retryable: true,
        });
        expect(res.body.detail).toMatch(/token endpoint/);
        expect(fake.calls.merchant).toBe(qrCalls);
        const row = await gw.store.findById(res.body.transactionId);
        expect(row).toMatchObject({ status: 'failed', qrString: null });
      });
    });

    it.each([502, 504])(
      'a proxy %i without a 1LINK code may have been processed: unknown, reconcile by RRN',
      async (status) => {
        fake.always('qr', { status, body: { httpCode: String(status), httpMessage: 'Gateway error' } });
        const res = await create(`proxy-${status}`).expect(502);
        expect(res.body).toMatchObject({
          type: 'urn:onelink-kit:problem:upstream-error',
          transactionStatus: 'unknown',
          retryable: false,
        });
        expect(res.body.detail).toMatch(/reconcile by RRN/);
        const unknown = await request(gw.url).get('/v1/transactions?status=unknown').set(auth).expect(200);
        expect(unknown.body.items.map((i: { id: string }) => i.id)).toContain(res.body.transactionId);
      },
    );

    it('an answer over the size cap is an upstream error, stored truncated with a note, never returned whole', async () => {
      fake.always('qr', (req) => ({
        status: 200,
        raw: JSON.stringify({ ...fake.successBody(req), responseDescription: 'x'.repeat(3_000_000) }),
      }));
      const res = await create('too-large').expect(502);
      expect(res.body).toMatchObject({ transactionStatus: 'unknown', retryable: false });
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
      const row = await gw.store.findById(res.body.transactionId);
      const stored = row?.upstreamResponse as { note: string; head: string; limitBytes: number };
      expect(stored.note).toMatch(/only its first \d+ characters are kept/);
      expect(stored.head.length).toBeLessThanOrEqual(2_048);
      expect(JSON.stringify(row).length).toBeLessThan(20_000);
    });

    it('a token echoed in a 00 answer is neither stored nor returned', async () => {
      fake.always('qr', (req) => {
        const token = /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1] ?? '';
        return {
          status: 200,
          body: { ...fake.successBody(req), responseDescription: `OK for ${token}`, access_token: token },
        };
      });
      const res = await create('echo-token').expect(201);
      const token = /^Bearer (.+)$/.exec(String(fake.requests('qr').at(-1)?.headers.authorization))?.[1];
      expect(token).toMatch(/.{6,}/);
      expect(JSON.stringify(res.body)).not.toContain(token);
      const row = await gw.store.findById(res.body.id);
      expect(JSON.stringify(row)).not.toContain(token);
      expect(row?.upstreamResponse).toMatchObject({ access_token: '[REDACTED]' });
    });

    describe('never show a wrong QR', () => {
      it.each([
        // Ten times the request's PKR 310.
        { name: 'amount', field: 'paymentDetails.instructedAmount', value: 3100, tag: '54' },
        { name: 'IBAN', field: 'merchantDetails.iban', value: 'PK13MEZN0001020304050607', tag: '26.01' },
        { name: 'merchant account', field: 'merchantDetails.merchantID', value: 'MER9999999', tag: '26.03' },
        { name: 'merchant name', field: 'merchantDetails.dbaName', value: 'Someone Else', tag: '59' },
        { name: 'RRN reference', field: 'info.rrn', value: '000000000001', tag: '62.05' },
      ])(
        'a QR with another $name: upstream-qr-mismatch, row mismatched, no image',
        async ({ name, field, value, tag }) => {
          fake.always('qr', (req) => answerFor(fake, req, (body) => withField(body, field, value)));
          const key = `mismatch-${name.replace(/\W/g, '-')}`;
          const res = await create(key, key).expect(502);
          expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
          expect(res.body.mismatches).toEqual([
            expect.objectContaining({ field, tag, sent: expect.any(String), received: expect.any(String) }),
          ]);
          const [m] = res.body.mismatches;
          expect(m.sent).not.toBe(m.received);
          expect(res.body.detail).toContain(`${field} sent ${m.sent}, QR has ${m.received}`);

          const id = res.body.transactionId;
          const row = await gw.store.findById(id);
          expect(row).toMatchObject({ status: 'mismatched', qrMismatch: true, responseCode: '00' });
          expect(row?.qrString).toMatch(/^000201/);
          expect(row?.upstreamResponse).toMatchObject({ responseCode: '00', qrString: row?.qrString });

          for (const image of ['image.png', 'image.svg']) {
            const img = await request(gw.url).get(`/v1/qr/${id}/${image}`).set(auth).expect(409);
            expect(img.body).toMatchObject({
              type: 'urn:onelink-kit:problem:qr-not-available',
              transactionStatus: 'mismatched',
            });
          }
          const view = await request(gw.url).get(`/v1/qr/${id}`).set(auth).expect(200);
          expect(view.body.status).toBe('mismatched');
          expect(view.body.links).toEqual({ self: `/v1/qr/${id}` });

          const replay = await create(key, key).expect(502);
          expect(replay.headers['idempotent-replayed']).toBe('true');
          expect(replay.body.mismatches).toEqual(res.body.mismatches);

          const listed = await request(gw.url)
            .get('/v1/transactions?status=mismatched')
            .set(auth)
            .expect(200);
          expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
          const csv = await request(gw.url).get('/v1/transactions?format=csv&status=mismatched').set(auth);
          expect(csv.text).toMatch(new RegExp(`^${id},merchant,mismatched,`, 'm'));
          const succeeded = await request(gw.url).get('/v1/transactions?status=succeeded').set(auth);
          expect(succeeded.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
        },
      );

      it.each([
        {
          name: 'no QR',
          reply: (req: SeenRequest) => {
            const { qrString: _q, ...rest } = fake.successBody(req);
            return { status: 200, body: rest };
          },
          rule: /without a QR/,
        },
        {
          name: 'a bad CRC',
          reply: (req: SeenRequest) => {
            const body = fake.successBody(req);
            const qr = String(body.qrString);
            const crc = qr.slice(-4) === '0000' ? 'FFFF' : '0000';
            return { status: 200, body: { ...body, qrString: `${qr.slice(0, -4)}${crc}` } };
          },
          rule: /CRC/i,
        },
      ])('a 00 answer with $name is mismatched (was succeeded with a 502)', async ({ name, reply, rule }) => {
        fake.always('qr', reply);
        const res = await create(`unusable-${name}`).expect(502);
        expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
        expect(res.body.detail).toMatch(rule);
        expect(res.body.mismatches[0]).toMatchObject({ field: 'qrString' });
        const row = await gw.store.findById(res.body.transactionId);
        expect(row).toMatchObject({ status: 'mismatched', qrDecoded: null, responseCode: '00' });
        await request(gw.url).get(`/v1/qr/${res.body.transactionId}/image.png`).set(auth).expect(409);
      });

      it('differences on fields a payer does not pay by are reported with a QR that is shown', async () => {
        fake.always('qr', (req) =>
          answerFor(fake, req, (body) => withField(body, 'merchantDetails.postalAddress.townName', 'Lahore')),
        );
        const res = await create('city-only').expect(201);
        expect(res.body.status).toBe('succeeded');
        expect(res.body.qr.check.mismatches.map((m: { tag: string }) => m.tag)).toEqual(['60']);
        await request(gw.url).get(`/v1/qr/${res.body.id}/image.png`).set(auth).expect(200);
      });
    });
  });
}
