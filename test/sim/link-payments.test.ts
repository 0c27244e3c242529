import { TEST_LINK_HASH_KEY } from '@onelink-kit/mock';
import { signLink } from '@onelink-kit/signing';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture, postJson, startTestSim } from './sim-helpers.js';
import { simPerFile } from './sim-per-file.js';

// The simulated Link Based Payments API: invoices are state, signatures are checked with the
// configured hash key (default: the fixtures' test key), and every answer is a recorded one.

const JSON_HEADERS = { 'content-type': 'application/json' };
const MID = 'MID123';
const PASSWORD = 'test-password-not-real';

const file = simPerFile('link-payments', { only: ['link-payments'] });
beforeEach(() => file.sim.state.reset());

function createBody(merchantTxnId: string, key = TEST_LINK_HASH_KEY) {
  const body = structuredClone(fixture('createPaymentLink', 'success').request.body);
  const amount = String(body.amount);
  return {
    ...body,
    password: PASSWORD,
    merchantTxnId,
    signature: signLink(key, { mid: MID, password: PASSWORD, amount, merchantTxnId }).signature,
  };
}

function invoiceBody(invoiceNo: string, key = TEST_LINK_HASH_KEY) {
  return {
    merchantId: MID,
    password: PASSWORD,
    invoiceNo,
    signature: signLink(key, { mid: MID, password: PASSWORD, invoiceNo }).signature,
  };
}

const statusOf = (scenario: string, op = 'resendPaymentLink') =>
  fixture(op, scenario).response.body.statusCode;

describe('invoices', () => {
  it('create → invoice number; resend and cancel act on it; resend after cancel → OTS1015', async () => {
    const created = await postJson(`${file.base}/createPaymentLink`, createBody('TXN-SIM-1'), JSON_HEADERS);
    expect(created.status).toBe(200);
    const invoiceNo = String(created.body.invoiceNo);
    expect(invoiceNo).toMatch(/^INV-\d{7}$/);
    expect(invoiceNo).not.toBe(fixture('createPaymentLink', 'success').response.body.invoiceNo);
    expect(created.body).toMatchObject({ statusCode: 'OTS0001', merchantTxnId: 'TXN-SIM-1' });
    expect(String(created.body.paymentLink)).toContain(invoiceNo);

    const steps = [
      ['resendPaymentLink', 200, statusOf('success')],
      ['cancelPaymentLink', 200, statusOf('success', 'cancelPaymentLink')],
      ['resendPaymentLink', 409, 'OTS1015'],
      ['cancelPaymentLink', 409, 'OTS1015'],
    ] as const;
    for (const [op, status, code] of steps) {
      const reply = await postJson(`${file.base}/${op}`, invoiceBody(invoiceNo), JSON_HEADERS);
      expect({ op, status: reply.status, code: reply.body.statusCode }).toEqual({ op, status, code });
    }
  });

  it('gives two creates two invoice numbers, and the same merchantTxnId the same invoice again', async () => {
    const a = await postJson(`${file.base}/createPaymentLink`, createBody('TXN-SIM-A'), JSON_HEADERS);
    const b = await postJson(`${file.base}/createPaymentLink`, createBody('TXN-SIM-B'), JSON_HEADERS);
    const again = await postJson(`${file.base}/createPaymentLink`, createBody('TXN-SIM-A'), JSON_HEADERS);
    expect(a.body.invoiceNo).not.toBe(b.body.invoiceNo);
    expect(again.body.invoiceNo).toBe(a.body.invoiceNo);
  });

  it('answers an unknown invoice with OTS1012', async () => {
    const reply = await postJson(`${file.base}/resendPaymentLink`, invoiceBody('INV-7777777'), JSON_HEADERS);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual(fixture('resendPaymentLink', 'invoice-not-found').response.body);
  });

  it('knows the recorded invoice, so the recorded resend request works as recorded', async () => {
    const recorded = fixture('resendPaymentLink', 'success').request.body;
    const reply = await postJson(`${file.base}/resendPaymentLink`, recorded, JSON_HEADERS);
    expect(reply.body).toEqual(fixture('resendPaymentLink', 'success').response.body);
  });

  it.each([
    { op: 'createPaymentLink', body: () => createBody('TXN-SIM-2', 'another-key') },
    { op: 'resendPaymentLink', body: () => invoiceBody('INV-0000042', 'another-key') },
    { op: 'cancelPaymentLink', body: () => invoiceBody('INV-0000042', 'another-key') },
  ])('$op signed with another key → OTS1011', async ({ op, body }) => {
    const reply = await postJson(`${file.base}/${op}`, body(), JSON_HEADERS);
    expect(reply.status).toBe(401);
    expect(reply.body.statusCode).toBe('OTS1011');
  });

  it('answers a template without its required field with OTS1006, an unknown one with OTS1004', async () => {
    const missing = { ...createBody('TXN-SIM-3'), templateFields: {} };
    expect((await postJson(`${file.base}/createPaymentLink`, missing, JSON_HEADERS)).body.statusCode).toBe(
      'OTS1006',
    );
    const unknown = { ...createBody('TXN-SIM-4'), templateNo: 'TPL-404' };
    expect((await postJson(`${file.base}/createPaymentLink`, unknown, JSON_HEADERS)).body.statusCode).toBe(
      'OTS1004',
    );
  });
});

describe('merchant credentials and bad input', () => {
  it('checks SIM_LINK_MERCHANT_ID / SIM_LINK_PASSWORD when configured → OTS1002', async () => {
    const strict = await startTestSim({
      only: ['link-payments'],
      config: { linkMerchantId: MID, linkPassword: 'the-real-one' },
    });
    try {
      const reply = await postJson(
        `${strict.url('link-payments')}/getTemplate`,
        { merchantId: MID, password: PASSWORD },
        JSON_HEADERS,
      );
      expect(reply.status).toBe(401);
      expect(reply.body.statusCode).toBe('OTS1002');
    } finally {
      await strict.stop();
    }
  });

  it.each([
    { given: 'malformed JSON', body: '{"merchantId":', headers: JSON_HEADERS, code: 'OTS1008' },
    {
      given: 'a wrong content type',
      body: 'merchantId=MID123',
      headers: { 'content-type': 'text/plain' },
      code: 'OTS1008',
    },
    { given: 'a missing password', body: { merchantId: MID }, headers: JSON_HEADERS, code: 'OTS1001' },
    {
      given: 'a body over 16 KiB',
      body: { merchantId: MID, password: 'x'.repeat(20_000) },
      headers: JSON_HEADERS,
      code: 'OTS1009',
    },
  ])('answers $given with the recorded $code', async ({ body, headers, code }) => {
    const reply = await postJson(`${file.base}/getTemplate`, body, headers);
    expect(reply.body.statusCode).toBe(code);
    expect(reply.status).toBeGreaterThanOrEqual(400);
  });
});
