import { appendCrc } from '@onelink-kit/emvqr';
import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

// The gateway on first contact with whichever answer shape and amount unit 1LINK turns out to use:
// the QR found wherever the client finds it, amounts converted and checked in ONELINK_AMOUNT_UNIT,
// the transaction type from ONELINK_TRANSACTION_TYPE.

const bearer = { Authorization: `Bearer ${API_KEY}` };
let fake: FakeOneLink | undefined;
let gw: Awaited<ReturnType<typeof startTestGateway>> | undefined;
afterEach(async () => {
  await gw?.cleanup();
  await fake?.stop();
});

async function start(env: Record<string, string>) {
  fake = await startFakeOneLink();
  gw = await startTestGateway(fake.url, env);
  return { fake, gw };
}

/** The payload with tag 54 (amount) replaced and the CRC made again. */
function withAmountText(payload: string, text: string): string {
  const body = payload
    .slice(0, -8)
    .replace(/54(\d\d)([0-9.]+)(?=5802PK)/, (_m, len: string, value: string) => {
      expect(value.length).toBe(Number(len));
      return `54${String(text.length).padStart(2, '0')}${text}`;
    });
  return appendCrc(body);
}

const sentPayment = (f: FakeOneLink) =>
  (JSON.parse(f.requests('merchant').at(-1)?.text ?? '{}') as { paymentDetails?: unknown }).paymentDetails;

describe('amount unit and transaction type from the environment', () => {
  it('paisa: 310 rupees is sent as 31000, and a QR showing 310.00 is accepted', async () => {
    const { fake, gw } = await start({ ONELINK_AMOUNT_UNIT: 'paisa', ONELINK_TRANSACTION_TYPE: '064' });
    // A 1LINK that reads instructedAmount in paisa shows rupees in tag 54.
    fake.always('merchant', (seen) => {
      const body = fake.successBody(seen);
      return { status: 200, body: { ...body, qrString: withAmountText(String(body.qrString), '310.00') } };
    });
    const res = await request(gw.url).post('/v1/qr/merchant').set(bearer).send(merchantRequest);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      amount: 310,
      qr: { decoded: { amount: '310.00' } },
    });
    expect(sentPayment(fake)).toMatchObject({ instructedAmount: 31_000, transactionType: '064' });
  });

  it('paisa: a QR showing 31000.00 (1LINK read rupees after all) is not a success', async () => {
    const { fake, gw } = await start({ ONELINK_AMOUNT_UNIT: 'paisa' });
    const res = await request(gw.url).post('/v1/qr/merchant').set(bearer).send(merchantRequest);
    expect(res.status).not.toBe(201);
    expect(JSON.stringify(res.body)).toContain('instructedAmount');
    expect(sentPayment(fake)).toMatchObject({ instructedAmount: 31_000, transactionType: 'P2M' });
  });

  it('rupees (default): 310 is sent as 310 with P2M', async () => {
    const { fake, gw } = await start({});
    await request(gw.url).post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(201);
    expect(sentPayment(fake)).toEqual(
      expect.objectContaining({ instructedAmount: 310, transactionType: 'P2M' }),
    );
  });
});

// (A QR only as an image is the client's locator too: packages/client/test/qr-request-checks.test.ts.)
describe('the QR wherever the answer carries it', () => {
  it('qrData instead of qrString', async () => {
    const { fake, gw } = await start({});
    fake.always('merchant', (seen) => {
      const { qrString, ...rest } = fake.successBody(seen);
      return { status: 200, body: { ...rest, qrData: qrString } };
    });
    const res = await request(gw.url).post('/v1/qr/merchant').set(bearer).send(merchantRequest);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'succeeded', qr: { decoded: { amount: '310.00' } } });
    expect(gw.logs.some((l) => l.includes('"qrPath":"$.qrData"'))).toBe(true);
  });
});
