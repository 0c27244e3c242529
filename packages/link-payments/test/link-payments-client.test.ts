import { createLogger, OneLinkAuthError, OneLinkValidationError } from '@onelink-kit/core';
import { verifyLink } from '@onelink-kit/signing';
import { recordingFetch, transportFailureTests } from '@onelink-kit/testkit';
import { describe, expect, it, vi } from 'vitest';
import { LinkPaymentsApiError } from '../src/link-errors.js';
import { createLinkPaymentsClient, type LinkPaymentsClientOptions } from '../src/link-payments-client.js';

// Test-only values; not secrets of any environment.
const PASSWORD = 'test-password-not-real';
const KEY = 'test-link-hash-key-not-real';

function client(over: Partial<LinkPaymentsClientOptions> = {}) {
  return createLinkPaymentsClient({
    baseUrl: 'http://127.0.0.1:1/link-payments',
    merchantId: 'MID123',
    password: PASSWORD,
    hashKey: KEY,
    now: () => new Date('2026-11-21T23:00:00Z'),
    ...over,
  });
}

const createInput = {
  templateNo: 'TPL-001',
  merchantTxnId: 'TXN-20261122-0001',
  amount: '1500.00',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.com' },
  deliveryChannel: 'EMAIL' as const,
};

describe('createLinkPaymentsClient: what is sent', () => {
  it('createPaymentLink sends MID, password and the HMAC over MID+Password+amount+merchantTxnId', async () => {
    const up = recordingFetch(200, {
      statusCode: 'OTS0001',
      statusDescription: 'Invoice Link Sent Successfully',
      invoiceNo: 'INV-1',
      merchantTxnId: createInput.merchantTxnId,
      paymentLink: 'https://pay.example/i/INV-1',
    });
    const got = await client({ fetch: up.fetch }).createPaymentLink(createInput);
    expect(got).toMatchObject({ statusCode: 'OTS0001', status: 200, data: { invoiceNo: 'INV-1' } });
    const sent = up.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(new URL(sent.url).pathname).toBe('/link-payments/createPaymentLink');
    expect(sent.body).toMatchObject({ ...createInput, merchantId: 'MID123', password: PASSWORD });
    // The openssl vector from packages/signing: same inputs, same signature.
    expect(sent.body.signature).toBe(
      'bf34d4ef8fd4b9a71f324eab8784b842b6f2a1577b14ea6a519d2318bd9d694ad7b6335eb8ab56d3291e249ccef3fef12da00c855c2eb1e818b2ce884306a59a',
    );
  });

  const invoiceOps = [
    { op: 'resendPaymentLink' as const, answer: 'OTS0001' },
    { op: 'cancelPaymentLink' as const, answer: 'OTS0002' },
  ];
  for (const { op, answer } of invoiceOps) {
    it(`${op} signs MID+Password+InvoiceNo`, async () => {
      const up = recordingFetch(200, {
        statusCode: answer,
        statusDescription: 'ok',
        invoiceNo: 'INV-0000042',
      });
      const got = await client({ fetch: up.fetch })[op]({ invoiceNo: 'INV-0000042' });
      expect(got.statusCode).toBe(answer);
      const sent = up.requests[0]!;
      expect(new URL(sent.url).pathname).toBe(`/link-payments/${op}`);
      const input = { mid: 'MID123', password: PASSWORD, invoiceNo: 'INV-0000042' };
      expect(verifyLink(KEY, input, String(sent.body.signature))).toBe(true);
    });
  }

  it('getTemplate and getTemplateDetails send credentials and no signature', async () => {
    const up = recordingFetch(200, { statusCode: 'OTS0000', statusDescription: 'ok', templates: [] });
    await client({ fetch: up.fetch }).getTemplate();
    expect(up.requests[0]!.body).toEqual({ merchantId: 'MID123', password: PASSWORD });
    const up2 = recordingFetch(200, {
      statusCode: 'OTS0000',
      statusDescription: 'ok',
      template: { templateNo: 'TPL-001', templateName: 'n', fields: [] },
    });
    await client({ fetch: up2.fetch }).getTemplateDetails({ templateNo: 'TPL-001' });
    expect(up2.requests[0]!.body).toEqual({
      merchantId: 'MID123',
      password: PASSWORD,
      templateNo: 'TPL-001',
    });
  });

  it('reads LINK_PASSWORD and LINK_HASH_KEY from the environment by default', async () => {
    vi.stubEnv('LINK_PASSWORD', PASSWORD);
    vi.stubEnv('LINK_HASH_KEY', KEY);
    const up = recordingFetch(200, { statusCode: 'OTS0002', statusDescription: 'ok', invoiceNo: 'INV-1' });
    await client({ fetch: up.fetch, password: undefined, hashKey: undefined }).cancelPaymentLink({
      invoiceNo: 'INV-1',
    });
    const input = { mid: 'MID123', password: PASSWORD, invoiceNo: 'INV-1' };
    expect(verifyLink(KEY, input, String(up.requests[0]!.body.signature))).toBe(true);
  });

  it('fails naming LINK_HASH_KEY when it is not configured, before sending', async () => {
    vi.stubEnv('LINK_HASH_KEY', undefined);
    vi.stubEnv('LINK_HASH_KEY_FILE', undefined);
    const up = recordingFetch(200, {});
    const p = client({ fetch: up.fetch, hashKey: undefined }).resendPaymentLink({ invoiceNo: 'INV-1' });
    await expect(p).rejects.toBeInstanceOf(OneLinkAuthError);
    await expect(p).rejects.toThrow(/LINK_HASH_KEY/);
    expect(up.requests).toHaveLength(0);
  });
});

describe('createLinkPaymentsClient: rules checked before sending', () => {
  const cases = [
    {
      name: 'amount as a number-like string without decimals',
      given: { ...createInput, amount: '1500' },
      want: 'amount|pattern',
    },
    { name: 'zero amount', given: { ...createInput, amount: '0.00' }, want: 'amount|greater-than-zero' },
    {
      name: 'EMAIL without customer email',
      given: { ...createInput, customer: { name: 'A' } },
      want: 'customer.email|required-for-delivery-channel',
    },
    {
      name: 'SMS without mobile',
      given: { ...createInput, deliveryChannel: 'SMS' as const },
      want: 'customer.mobileNumber|required-for-delivery-channel',
    },
    {
      name: 'bad mobile',
      given: { ...createInput, customer: { name: 'A', email: 'a@b.pk', mobileNumber: '12345' } },
      want: 'customer.mobileNumber|pattern',
    },
    {
      name: 'expiry in the past',
      given: { ...createInput, expiryDateTime: '2026-11-01T00:00:00' },
      want: 'expiryDateTime|in-future',
    },
    {
      name: 'unknown field',
      given: { ...createInput, colour: 'red' } as never,
      want: 'colour|additionalProperties',
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, async () => {
      const up = recordingFetch(200, {});
      const err = await client({ fetch: up.fetch })
        .createPaymentLink(given)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OneLinkValidationError);
      expect((err as OneLinkValidationError).issues.map((i) => `${i.field}|${i.rule}`)).toContain(want);
      expect(JSON.stringify(err)).not.toContain(PASSWORD);
      expect(up.requests).toHaveLength(0);
    });
  }

  it('a password breaking the schema is reported by field, never by value', async () => {
    const long = `secret-${'x'.repeat(80)}`;
    const up = recordingFetch(200, {});
    const err = await client({ fetch: up.fetch, password: long })
      .getTemplate()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ field: 'password', rule: 'maxLength' });
    expect(JSON.stringify(err)).not.toContain(long);
    expect(String(err)).not.toContain(long);
  });
});

describe('createLinkPaymentsClient: OTS answers become typed errors', () => {
  const cases = [
    { given: { status: 400, code: 'OTS1001' }, want: { kind: 'validation', outcome: 'caller-error' } },
    { given: { status: 401, code: 'OTS1002' }, want: { kind: 'auth', outcome: 'caller-error' } },
    { given: { status: 403, code: 'OTS1003' }, want: { kind: 'forbidden', outcome: 'caller-error' } },
    { given: { status: 404, code: 'OTS1004' }, want: { kind: 'not-found', outcome: 'caller-error' } },
    { given: { status: 404, code: 'OTS1005' }, want: { kind: 'not-found', outcome: 'caller-error' } },
    { given: { status: 400, code: 'OTS1006' }, want: { kind: 'validation', outcome: 'caller-error' } },
    { given: { status: 400, code: 'OTS1007' }, want: { kind: 'validation', outcome: 'caller-error' } },
    { given: { status: 400, code: 'OTS1008' }, want: { kind: 'validation', outcome: 'caller-error' } },
    { given: { status: 400, code: 'OTS1009' }, want: { kind: 'validation', outcome: 'caller-error' } },
    { given: { status: 500, code: 'OTS1010' }, want: { kind: 'transient', outcome: 'retryable' } },
    { given: { status: 401, code: 'OTS1011' }, want: { kind: 'signature', outcome: 'caller-error' } },
    { given: { status: 404, code: 'OTS1012' }, want: { kind: 'not-found', outcome: 'caller-error' } },
    { given: { status: 404, code: 'OTS1013' }, want: { kind: 'not-found', outcome: 'caller-error' } },
    { given: { status: 502, code: 'OTS1014' }, want: { kind: 'upstream', outcome: 'retryable' } },
    { given: { status: 409, code: 'OTS1015' }, want: { kind: 'business', outcome: 'caller-error' } },
    // A server that answers 200 for everything: the OTS code decides.
    { given: { status: 200, code: 'OTS1011' }, want: { kind: 'signature', outcome: 'caller-error' } },
    { given: { status: 503, code: undefined }, want: { kind: 'transient', outcome: 'retryable' } },
  ];
  for (const { given, want } of cases) {
    it(`HTTP ${given.status} ${given.code ?? '(no code)'} -> ${want.kind}/${want.outcome}`, async () => {
      const body = given.code ? { statusCode: given.code, statusDescription: 'd' } : { error: 'unavailable' };
      const up = recordingFetch(given.status, body);
      const err = await client({ fetch: up.fetch })
        .resendPaymentLink({ invoiceNo: 'INV-1' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LinkPaymentsApiError);
      expect(err).toMatchObject({
        ...want,
        statusCode: given.code,
        status: given.status,
        reference: 'INV-1',
      });
      expect(JSON.stringify(err)).not.toContain(PASSWORD);
      expect(JSON.stringify(err)).not.toContain(KEY);
    });
  }
});

describe('createLinkPaymentsClient: transport failures', () => {
  transportFailureTests(
    (given, signal) => client(given).cancelPaymentLink({ invoiceNo: 'INV-1' }, { signal }),
    {
      name: 'a 2xx body that is not JSON is an upstream LinkPaymentsApiError',
      want: (err) => {
        expect(err).toBeInstanceOf(LinkPaymentsApiError);
        expect(err).toMatchObject({ kind: 'upstream', retryable: false, reference: 'INV-1' });
      },
    },
  );
});

describe('createLinkPaymentsClient: logging', () => {
  it('logs each answer with operation, OTS code and reference, never the password, key or signature', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug' }, { write: (s: string) => lines.push(s) });
    const up = recordingFetch(401, { statusCode: 'OTS1011', statusDescription: 'Signature Mismatched' });
    await client({ fetch: up.fetch, logger })
      .createPaymentLink(createInput)
      .catch(() => undefined);
    const text = lines.join('');
    expect(text).toContain('"statusCode":"OTS1011"');
    expect(text).toContain(createInput.merchantTxnId);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(String(up.requests[0]!.body.signature));
  });
});
