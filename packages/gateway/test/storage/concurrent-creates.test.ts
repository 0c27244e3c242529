import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';
import { storageBackends } from './backends.js';

// The acceptance check, on both databases: 100 concurrent creates → 100 rows, 100 RRNs.
const backends = await storageBackends();

let fake: FakeOneLink;
beforeAll(async () => {
  fake = await startFakeOneLink();
  fake.always('qr', { delayMs: 5 });
});
afterAll(async () => {
  await fake?.stop();
});

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`gateway on ${backend.name}`, () => {
    it('100 concurrent creates give 100 rows with 100 distinct RRNs', async () => {
      const storage = await backend.open();
      const gw = await startTestGateway(fake.url, { DATABASE_URL: storage.databaseUrl, LOG_LEVEL: 'warn' });
      try {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            request(gw.url)
              .post('/v1/qr/merchant')
              .set('Authorization', `Bearer ${API_KEY}`)
              .send({ ...merchantRequest, reference: `bulk-${i}` }),
          ),
        );
        expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
        const rows = (await storage.db('gateway_transactions').select('id', 'rrn', 'status')) as Array<{
          id: string;
          rrn: string;
          status: string;
        }>;
        expect(rows).toHaveLength(100);
        expect(new Set(rows.map((r) => r.rrn)).size).toBe(100);
        expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
        expect(new Set(results.map((r) => r.body.rrn))).toEqual(new Set(rows.map((r) => r.rrn)));
      } finally {
        await gw.cleanup();
        await storage.close();
      }
    });

    it('a replayed key returns the same id without a second upstream call', async () => {
      const storage = await backend.open();
      const gw = await startTestGateway(fake.url, { DATABASE_URL: storage.databaseUrl, LOG_LEVEL: 'warn' });
      try {
        const send = () =>
          request(gw.url)
            .post('/v1/qr/merchant')
            .set('Authorization', `Bearer ${API_KEY}`)
            .set('Idempotency-Key', 'replay-1')
            .send(merchantRequest);
        const before = fake.calls.merchant;
        const [a, b, c] = await Promise.all([send(), send(), send()]);
        const d = await send();
        expect([a, b, c, d].map((r) => r.status)).toEqual([201, 201, 201, 201]);
        expect(new Set([a, b, c, d].map((r) => r.body.id)).size).toBe(1);
        expect(fake.calls.merchant - before).toBe(1);
      } finally {
        await gw.cleanup();
        await storage.close();
      }
    });
  });
}
