import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { $RefParser } from '@apidevtools/json-schema-ref-parser';
import { createOpenApiAjv } from '@onelink-kit/mock';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const specDir = join(root, 'spec');
const specFile = join(specDir, '1link-p2m-qr.yaml');
const specs = readdirSync(specDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

type Json = Record<string, unknown>;
interface MediaType {
  schema: Json;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  headers?: Record<string, Json>;
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  servers?: { url: string }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
}
interface Doc {
  servers: { url: string }[];
  paths: Record<string, { post: Operation; servers?: { url: string }[] }>;
  components: { securitySchemes: Record<string, Json>; schemas: Record<string, Json> };
  'x-onelink-response-codes': Record<string, Json>;
}

describe('every spec/*.yaml is a valid OpenAPI document (independent validator)', () => {
  it('finds the 1LINK spec among them', () => {
    expect(specs).toContain('1link-p2m-qr.yaml');
  });

  it.each(specs)('%s', async (name) => {
    const validator = new Validator();
    const text = (file: string): string => readFileSync(join(specDir, file), 'utf8');
    // Specs may $ref sibling specs' components as written (gateway.yaml → ./1link-p2m-qr.yaml#/...):
    // register each referenced sibling, transitively, under that relative URI.
    const pending = [name];
    const added = new Set<string>([name]);
    while (pending.length > 0) {
      for (const m of text(pending.pop()!).matchAll(/\.\/([\w.-]+\.ya?ml)#/g)) {
        const other = m[1]!;
        if (added.has(other)) continue;
        added.add(other);
        pending.push(other);
        await validator.addSpecRef(parse(text(other)) as Record<string, unknown>, `./${other}`);
      }
    }
    const result = await validator.validate(parse(text(name)) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});

let raw: Doc;
let doc: Doc;
beforeAll(async () => {
  raw = parse(readFileSync(specFile, 'utf8')) as Doc;
  doc = (await $RefParser.dereference(specFile)) as Doc;
});

const QR_OPS = [
  { path: '/generateDQRCMerchant', operationId: 'generateDQRCMerchant' },
  { path: '/generateDQRCAggregator', operationId: 'generateDQRCAggregator' },
];
const op = (path: string): Operation => doc.paths[path]!.post;

describe('1link-p2m-qr.yaml: operations, servers and security as the 1LINK sandbox document gives them', () => {
  it.each([
    { given: '/oauth2/token', want: 'requestToken' },
    { given: '/generateDQRCMerchant', want: 'generateDQRCMerchant' },
    { given: '/generateDQRCAggregator', want: 'generateDQRCAggregator' },
  ])('POST $given is $want', ({ given, want }) => {
    expect(op(given).operationId).toBe(want);
  });

  it('has exactly those paths', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/generateDQRCAggregator',
      '/generateDQRCMerchant',
      '/oauth2/token',
    ]);
  });

  it('serves the QR operations from the sandbox and production 1Link bases', () => {
    expect(doc.servers.map((s) => s.url)).toEqual([
      'https://sandboxapi.1link.net.pk/uat-1link/sandbox/1Link',
      'https://public-interface.1link.net.pk/onelink/production/1Link',
    ]);
  });

  it('resolves the token path against the .../sandbox level so the full URL is the token URL of the 1LINK sandbox document', () => {
    const servers = doc.paths['/oauth2/token']!.servers ?? [];
    expect(servers.map((s) => `${s.url}/oauth2/token`)).toEqual([
      'https://sandboxapi.1link.net.pk/uat-1link/sandbox/oauth2/token',
      'https://public-interface.1link.net.pk/onelink/production/oauth2/token',
    ]);
  });

  it('sends the token request form-urlencoded without API security', () => {
    const token = op('/oauth2/token');
    expect(token.security).toEqual([]);
    expect(Object.keys(token.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it.each(QR_OPS)(
    '$operationId needs X-IBM-Client-Id AND a bearer token in every alternative',
    ({ path }) => {
      const security = op(path).security ?? [];
      expect(security.length).toBeGreaterThan(0);
      for (const requirement of security) {
        expect(Object.keys(requirement)).toContain('clientId');
        const bearer = Object.keys(requirement).filter((k) => k === 'bearerAuth' || k === 'oauth2');
        expect(bearer).toHaveLength(1);
      }
      expect(security.some((r) => 'bearerAuth' in r)).toBe(true);
    },
  );

  it('defines the schemes: API key header, bearer, OAuth2 client credentials with scope 1LinkApi', () => {
    const { clientId, bearerAuth, oauth2 } = doc.components.securitySchemes;
    expect(clientId).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-IBM-Client-Id' });
    expect(bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(oauth2).toMatchObject({
      type: 'oauth2',
      flows: {
        clientCredentials: {
          tokenUrl: 'https://sandboxapi.1link.net.pk/uat-1link/sandbox/oauth2/token',
          scopes: { '1LinkApi': expect.any(String) },
        },
      },
    });
  });

  it.each(QR_OPS)(
    '$operationId documents 200, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504',
    ({ path }) => {
      expect(Object.keys(op(path).responses).sort()).toEqual(
        ['200', '400', '401', '403', '404', '409', '429', '500', '502', '503', '504'].sort(),
      );
      expect(op(path).responses['429']!.headers).toHaveProperty('Retry-After');
    },
  );
});

describe('1link-p2m-qr.yaml: x-onelink-response-codes is the table written out below (code, HTTP status, kind, retryable)', () => {
  const table = [
    { code: '00', httpStatus: 200, kind: 'success', retryable: false, description: 'Processed OK' },
    {
      code: '12',
      httpStatus: 400,
      kind: 'validation',
      retryable: false,
      description: 'Invalid transaction / request field',
    },
    { code: '13', httpStatus: 400, kind: 'validation', retryable: false, description: 'Invalid amount' },
    { code: '30', httpStatus: 400, kind: 'validation', retryable: false, description: 'Format error' },
    {
      code: '94',
      httpStatus: 409,
      kind: 'duplicate',
      retryable: false,
      description: 'Duplicate transmission (duplicate RRN)',
    },
    {
      code: '91',
      httpStatus: 503,
      kind: 'transient',
      retryable: true,
      description: 'Switch or issuer inoperative',
    },
    { code: '96', httpStatus: 500, kind: 'upstream', retryable: false, description: 'System malfunction' },
  ];

  it('has exactly the table codes', () => {
    expect(Object.keys(doc['x-onelink-response-codes']).sort()).toEqual(table.map((r) => r.code).sort());
  });

  it.each(table)('$code → $kind, HTTP $httpStatus, retryable $retryable', ({ code, ...want }) => {
    const entry = doc['x-onelink-response-codes'][code];
    expect(entry).toMatchObject(want);
    expect(entry, 'synthetic codes carry x-onelink-note').toHaveProperty('x-onelink-note');
  });
});

describe('1link-p2m-qr.yaml: mock scenarios have named examples (Prism: Prefer: code=<status>, example=<name>)', () => {
  it.each([
    { given: { path: '/generateDQRCMerchant', status: '200' }, want: 'success' },
    { given: { path: '/generateDQRCMerchant', status: '400' }, want: 'validation-error' },
    { given: { path: '/generateDQRCMerchant', status: '401' }, want: 'unauthorized' },
    { given: { path: '/generateDQRCMerchant', status: '409' }, want: 'duplicate-rrn' },
    { given: { path: '/generateDQRCMerchant', status: '429' }, want: 'rate-limited' },
    { given: { path: '/generateDQRCMerchant', status: '500' }, want: 'server-error' },
    { given: { path: '/generateDQRCAggregator', status: '200' }, want: 'success' },
    { given: { path: '/generateDQRCAggregator', status: '400' }, want: 'validation-error' },
    { given: { path: '/generateDQRCAggregator', status: '401' }, want: 'unauthorized' },
    { given: { path: '/generateDQRCAggregator', status: '409' }, want: 'duplicate-rrn' },
    { given: { path: '/generateDQRCAggregator', status: '429' }, want: 'rate-limited' },
    { given: { path: '/generateDQRCAggregator', status: '500' }, want: 'server-error' },
    { given: { path: '/oauth2/token', status: '200' }, want: 'success' },
    { given: { path: '/oauth2/token', status: '401' }, want: 'invalid-client' },
  ])('$given.path $given.status has example "$want"', ({ given, want }) => {
    const content = op(given.path).responses[given.status]?.content ?? {};
    const examples = Object.values(content).flatMap((m) => Object.keys(m.examples ?? {}));
    expect(examples).toContain(want);
  });
});

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
    expect(exampleSites(doc).length).toBeGreaterThanOrEqual(30);
  });

  it('every example is valid', () => {
    const a = ajv();
    const failures = exampleSites(doc).flatMap(({ site, name, schema, value }) => {
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
    const validate = ajv().compile(doc.components.schemas[given.schema]!);
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
    expect(ajv().validate(doc.components.schemas[given.schema]!, given.value)).toBe(want);
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
    const o = op(path);
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

  it('keeps the reusable component names the gateway spec refers to', () => {
    expect(Object.keys(raw.components.schemas)).toEqual(
      expect.arrayContaining([
        'MerchantRequest',
        'AggregatorRequest',
        'MerchantDetails',
        'PostalAddress',
        'ContactDetails',
        'GeoLocation',
        'PayerDetails',
        'IdentificationDetails',
        'PaymentDetails',
        'AggregatorPaymentDetails',
        'TransactionInfo',
        'QrResponse',
        'ResponseCodeError',
        'GatewayError',
        'TokenRequest',
        'TokenResponse',
        'OAuthError',
      ]),
    );
  });
});
