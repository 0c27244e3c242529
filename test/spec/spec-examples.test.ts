// The 1LINK spec's named examples: each valid against its schema, and each success QR string the
// Raast P2M EMV encoding of its request example (packages/emvqr/README.md).
import { createOpenApiAjv } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';
import { type Doc, type Json, type MediaType, oneLinkSpec, QR_OPS } from './support/one-link-spec.js';

const spec = oneLinkSpec();

/** Every (operation, request|response, media type) with its schema and named examples. */
function exampleSites(d: Doc): { site: string; name: string; schema: Json; value: unknown }[] {
  const out: { site: string; name: string; schema: Json; value: unknown }[] = [];
  for (const [path, item] of Object.entries(d.paths)) {
    const o = item.post;
    const media: [string, MediaType][] = Object.entries(o.requestBody?.content ?? {}).map(([m, v]) => [
      `${o.operationId} request ${m}`,
      v,
    ]);
    for (const [status, r] of Object.entries(o.responses)) {
      for (const [m, v] of Object.entries(r.content ?? {}))
        media.push([`${o.operationId} ${status} ${m}`, v]);
    }
    for (const [site, m] of media) {
      expect(m.examples, `${path}: ${site} has named examples`).toBeDefined();
      for (const [name, ex] of Object.entries(m.examples ?? {})) {
        out.push({ site, name, schema: m.schema, value: ex.value });
      }
    }
  }
  return out;
}

// Each compiled schema is itself checked against the JSON Schema 2020-12 meta-schema.
const ajv = () => createOpenApiAjv({ validateSchema: true });

describe('1link-p2m-qr.yaml: every named example validates against its schema (Ajv, JSON Schema 2020-12)', () => {
  it('has examples for every request and response', () => {
    // 3 requests (+2 extra), 3 token responses, 2 × (9 error statuses + 200) QR responses, some with several.
    expect(exampleSites(spec.doc).length).toBeGreaterThanOrEqual(30);
  });

  it('every example is valid', () => {
    const a = ajv();
    const failures = exampleSites(spec.doc).flatMap(({ site, name, schema, value }) => {
      const validate = a.compile(schema);
      return validate(value) ? [] : [`${site} example "${name}": ${a.errorsText(validate.errors)}`];
    });
    expect(failures).toEqual([]);
  });

  it.each([
    { given: { schema: 'QrResponse', extra: { settlementId: 'S1', nested: { a: 1 } } }, want: true },
    { given: { schema: 'ResponseCodeError', extra: { errorDetail: 'x' } }, want: true },
    { given: { schema: 'GatewayError', extra: { requestId: 'r' } }, want: true },
    { given: { schema: 'TokenResponse', extra: { consented_on: 1 } }, want: true },
  ])('$given.schema tolerates unknown fields', ({ given, want }) => {
    const examples: Record<string, Json> = {
      QrResponse: {
        responseCode: '00',
        responseDescription: 'Processed OK',
        stan: '1',
        rrn: '633010123456',
        qrString: '000201010212630400AA',
      },
      ResponseCodeError: { responseCode: '12', responseDescription: 'Invalid transaction / request field' },
      GatewayError: { httpCode: '401', httpMessage: 'Unauthorized' },
      TokenResponse: { access_token: 'x', token_type: 'Bearer', expires_in: 3600 },
    };
    const validate = ajv().compile(spec.doc.components.schemas[given.schema]!);
    expect(validate({ ...examples[given.schema], ...given.extra })).toBe(want);
  });

  it.each([
    { given: { schema: 'Stan', value: '1' }, want: true },
    { given: { schema: 'Stan', value: '123456' }, want: true },
    { given: { schema: 'Stan', value: '1234567' }, want: false },
    { given: { schema: 'Stan', value: '12a' }, want: false },
    { given: { schema: 'Stan', value: '' }, want: false },
    { given: { schema: 'Rrn', value: '633010123456' }, want: true },
    { given: { schema: 'Rrn', value: '63301012345' }, want: false },
    { given: { schema: 'Rrn', value: '6330101234567' }, want: false },
    { given: { schema: 'AdditionalRequiredDetails', value: 'AME' }, want: true },
    { given: { schema: 'AdditionalRequiredDetails', value: '' }, want: true },
    { given: { schema: 'AdditionalRequiredDetails', value: 'X' }, want: false },
    { given: { schema: 'AdditionalRequiredDetails', value: 'AMEA' }, want: false },
    { given: { schema: 'LocalDateTime', value: '2026-11-22T10:15:00' }, want: true },
    { given: { schema: 'LocalDateTime', value: '2026-11-22T10:15:00+05:00' }, want: false },
    { given: { schema: 'LocalDateTime', value: '2026-11-22 10:15:00' }, want: false },
  ])('$given.schema $given.value → $want', ({ given, want }) => {
    expect(ajv().validate(spec.doc.components.schemas[given.schema]!, given.value)).toBe(want);
  });
});

// --- the success examples' QR strings follow the Raast P2M EMV mapping of the request examples (packages/emvqr/README.md) ---

/** Minimal EMVCo TLV reader for the test: id(2) length(2) value. */
function tlv(payload: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || Number.isNaN(len)) throw new Error(`bad TLV at ${i}`);
    out.set(id, payload.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over UTF-8 bytes, uppercase hex. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

describe('crc16 (test helper) is CRC-16/CCITT-FALSE', () => {
  it('gives the catalogue check value for "123456789"', () => {
    expect(crc16('123456789')).toBe('29B1');
  });
});

interface RequestView {
  amount: unknown;
  rrn: string;
  expiry: string;
  subDept?: string;
  loyaltyNo?: string;
  customerLabel?: string;
  additionalRequiredDetails?: string;
  merchant?: {
    iban: string;
    bankBic: string;
    merchantID: string;
    mcc: string;
    dbaName: string;
    townName?: string;
  };
  merchantID: string;
}

const views: Record<string, (body: Json) => RequestView> = {
  generateDQRCMerchant: (b) => {
    const md = b.merchantDetails as Json;
    const pay = b.paymentDetails as Json;
    const info = b.info as Json;
    const payer = (b.payerDetails ?? {}) as Json;
    const ids = (payer.identificationDetails ?? {}) as Json;
    const addr = (md.postalAddress ?? {}) as Json;
    return {
      amount: pay.instructedAmount,
      rrn: info.rrn as string,
      expiry: pay.expiryDateTime as string,
      subDept: addr.subDept as string | undefined,
      loyaltyNo: ids.loyaltyNo as string | undefined,
      customerLabel: ids.customerLabel as string | undefined,
      additionalRequiredDetails: payer.additionalRequiredDetails as string | undefined,
      merchantID: md.merchantID as string,
      merchant: {
        iban: md.iban as string,
        bankBic: md.bankBic as string,
        merchantID: md.merchantID as string,
        mcc: md.merchantCategoryCode as string,
        dbaName: md.dbaName as string,
        townName: addr.townName as string | undefined,
      },
    };
  },
  generateDQRCAggregator: (b) => {
    const md = b.merchantDetails as Json;
    const payer = b.payerDetails as Json;
    const pay = payer.paymentDetails as Json;
    const info = payer.info as Json;
    const ids = (payer.identificationDetails ?? {}) as Json;
    return {
      amount: pay.instructedAmount,
      rrn: info.rrn as string,
      expiry: pay.expiryDateTime as string,
      subDept: md.subDept as string,
      loyaltyNo: ids.loyaltyNo as string | undefined,
      customerLabel: ids.customerLabel as string | undefined,
      additionalRequiredDetails: payer.additionalRequiredDetails as string | undefined,
      merchantID: md.merchantID as string,
    };
  },
};

describe('1link-p2m-qr.yaml: success qrString examples encode their request examples', () => {
  it.each(QR_OPS)('$operationId: success response ↔ success request', ({ path, operationId }) => {
    const o = spec.op(path);
    const request = o.requestBody!.content['application/json']!.examples!.success!.value as Json;
    const response = o.responses['200']!.content!['application/json']!.examples!.success!.value as Json;
    const qr = response.qrString as string;
    const want = views[operationId]!(request);

    expect(qr.slice(-4), 'CRC').toBe(crc16(qr.slice(0, -4)));
    expect(qr.slice(-8, -4)).toBe('6304');

    const top = tlv(qr);
    expect(top.get('00')).toBe('01');
    expect(top.get('01'), 'dynamic QR').toBe('12');
    expect(top.get('53'), 'PKR').toBe('586');
    expect(top.get('58')).toBe('PK');
    expect(top.get('54'), 'amount with two decimals').toBe(Number(want.amount).toFixed(2));

    const account = tlv(top.get('26')!);
    expect(account.get('00')).toBe('pk.1link.raast.p2m');
    expect(account.get('03')).toBe(want.merchantID);
    if (want.merchant) {
      expect(account.get('01')).toBe(want.merchant.iban);
      expect(account.get('02')).toBe(want.merchant.bankBic);
      expect(top.get('52')).toBe(want.merchant.mcc);
      expect(top.get('59')).toBe(want.merchant.dbaName.slice(0, 25));
      expect(top.get('60')).toBe(want.merchant.townName?.slice(0, 15));
    } else {
      expect(top.get('52')).toMatch(/^\d{4}$/);
    }

    const extra = tlv(top.get('62')!);
    expect(extra.get('05'), 'reference label = rrn').toBe(want.rrn);
    expect(extra.get('04')).toBe(want.loyaltyNo);
    expect(extra.get('06')).toBe(want.customerLabel);
    expect(extra.get('07'), 'terminal label = subDept').toBe(want.subDept);
    expect(extra.get('09')).toBe(want.additionalRequiredDetails || undefined);

    const expiry = tlv(top.get('80')!);
    expect(expiry.get('00')).toBe('pk.1link.raast.p2m');
    expect(expiry.get('01')).toBe(want.expiry.replace(/[-T:]/g, ''));

    expect(response.rrn).toBe(want.rrn);
    expect(response.expiryDateTime).toBe(want.expiry);
  });
});
