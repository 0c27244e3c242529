import { Writable } from 'node:stream';
import { document } from '@onelink-kit/generated/1link-p2m-qr';
import { document as snapDocument } from '@onelink-kit/generated/snap-card-binding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLogger,
  OneLinkValidationError,
  OPENAPI_FORMATS,
  oneLinkRequestValidator,
  RequestValidator,
} from '../../src/index.js';

const validator = oneLinkRequestValidator();
const examples = document.components.examples;

describe('request bodies are checked against the spec schemas', () => {
  it.each([
    { given: 'MerchantRequestSuccess', op: 'generateDQRCMerchant' },
    { given: 'MerchantRequestMinimal', op: 'generateDQRCMerchant' },
    { given: 'AggregatorRequestSuccess', op: 'generateDQRCAggregator' },
    { given: 'AggregatorRequestIntegerAmount', op: 'generateDQRCAggregator' },
  ] as const)('spec example $given is valid for $op', ({ given, op }) => {
    expect(validator.validate(op, examples[given].value)).toEqual([]);
  });

  const good = examples.MerchantRequestSuccess.value;
  it.each([
    {
      given: 'iban of 25 characters (too long, and not the PK IBAN shape)',
      body: { ...good, merchantDetails: { ...good.merchantDetails, iban: 'P'.repeat(25) } },
      want: ['merchantDetails.iban maxLength', 'merchantDetails.iban pattern'],
    },
    {
      given: 'missing merchantID and bankBic',
      body: {
        ...good,
        merchantDetails: { ...good.merchantDetails, merchantID: undefined, bankBic: undefined },
      },
      want: ['merchantDetails.bankBic required', 'merchantDetails.merchantID required'],
    },
    {
      given: 'additionalRequiredDetails with X',
      body: { ...good, payerDetails: { additionalRequiredDetails: 'MX' } },
      want: ['payerDetails.additionalRequiredDetails pattern'],
    },
    {
      given: 'amount as a string',
      body: { ...good, paymentDetails: { ...good.paymentDetails, instructedAmount: '310' } },
      want: ['paymentDetails.instructedAmount type'],
    },
    {
      given: 'merchantCategoryCode of 5 digits (does not fit EMVCo tag 52)',
      body: { ...good, merchantDetails: { ...good.merchantDetails, merchantCategoryCode: '58120' } },
      want: ['merchantDetails.merchantCategoryCode pattern'],
    },
    {
      given: 'subDept over 8',
      body: {
        ...good,
        merchantDetails: {
          ...good.merchantDetails,
          postalAddress: { ...good.merchantDetails.postalAddress, subDept: '123456789' },
        },
      },
      want: ['merchantDetails.postalAddress.subDept maxLength'],
    },
  ])('$given → $want', ({ body, want }) => {
    const json = JSON.parse(JSON.stringify(body)); // drop undefined like the wire does
    const got = validator.validate('generateDQRCMerchant', json).map((i) => `${i.field} ${i.rule}`);
    expect(got.sort()).toEqual([...want].sort());
  });

  it('assert throws OneLinkValidationError with every issue', () => {
    const body = { info: { stan: 'abcdefg', rrn: '1' } };
    expect(() => validator.assert('generateDQRCMerchant', body)).toThrow(OneLinkValidationError);
    try {
      validator.assert('generateDQRCMerchant', body);
    } catch (error) {
      const fields = (error as OneLinkValidationError).issues.map((i) => `${i.field} ${i.rule}`);
      expect(fields).toEqual(
        expect.arrayContaining(['info.stan maxLength', 'info.stan pattern', 'info.rrn pattern']),
      );
    }
  });

  it('knows every operation with a request body, and refuses others by name', () => {
    expect(validator.operationIds.sort()).toEqual([
      'generateDQRCAggregator',
      'generateDQRCMerchant',
      'requestToken',
    ]);
    expect(() => validator.validate('nope', {})).toThrow(/no request body schema for operation "nope"/);
  });

  it('works on any spec document, not just 1LINK', () => {
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/x': {
          post: {
            operationId: 'x',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/X' } } } },
          },
        },
      },
      components: {
        schemas: {
          X: { type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 2 } } },
        },
      },
    };
    const v = new RequestValidator(doc, 'test:x');
    expect(v.validate('x', { a: 'abc' })).toEqual([
      { field: 'a', rule: 'maxLength', message: 'must NOT have more than 2 characters' },
    ]);
  });
});

const validSnapParameters = {
  query: {
    scopes: 'CARD_REGISTRATION',
    state: '0123456789abcdef0123456789abcdef',
    merchantId: '216620',
    seamlessData: '{"mobileNumber":"628123456789"}',
  },
  header: {
    'X-TIMESTAMP': '2026-11-22T05:30:00+07:00',
    'X-PARTNER-ID': '216620',
    'X-EXTERNAL-ID': '5e0f8c1a2b3c4d5e6f708192a3b4c5d6',
    'CHANNEL-ID': '95221',
  },
};

describe('validateParameters on spec/snap-card-binding.yaml (query, header, JSON content)', () => {
  const v = new RequestValidator(snapDocument, 'onelink:snap-card-binding');
  const cases = [
    { name: 'valid request (X-SIGNATURE skipped)', given: validSnapParameters, want: [] as string[] },
    {
      name: 'state shorter than 32',
      given: { ...validSnapParameters, query: { ...validSnapParameters.query, state: 'abc' } },
      want: ['state|minLength'],
    },
    {
      name: 'scopes outside the enum',
      given: { ...validSnapParameters, query: { ...validSnapParameters.query, scopes: 'PAYMENT' } },
      want: ['scopes|enum'],
    },
    {
      name: 'seamlessData mobile too short and unknown key (contentSchema checked)',
      given: {
        ...validSnapParameters,
        query: { ...validSnapParameters.query, seamlessData: '{"mobileNumber":"12345678","x":"1"}' },
      },
      want: ['seamlessData.x|additionalProperties', 'seamlessData.mobileNumber|pattern'],
    },
    {
      name: 'seamlessData not JSON',
      given: {
        ...validSnapParameters,
        query: { ...validSnapParameters.query, seamlessData: '{mobileNumber}' },
      },
      want: ['seamlessData|contentMediaType'],
    },
    {
      name: 'additionalInfo value with a forbidden character',
      given: {
        ...validSnapParameters,
        query: { ...validSnapParameters.query, additionalInfo: '{"additionalInfo1":"a#b"}' },
      },
      want: ['additionalInfo.additionalInfo1|pattern'],
    },
    {
      name: 'CHANNEL-ID not 5 digits, X-EXTERNAL-ID missing',
      given: {
        ...validSnapParameters,
        header: { ...validSnapParameters.header, 'CHANNEL-ID': '9522a', 'X-EXTERNAL-ID': undefined },
      },
      want: ['CHANNEL-ID|pattern', 'X-EXTERNAL-ID|required'],
    },
    {
      name: 'seamlessData with neither alternative of its anyOf: one anyOf issue, not one per branch',
      given: {
        ...validSnapParameters,
        query: { ...validSnapParameters.query, seamlessData: '{"bankCode":"014"}' },
      },
      want: ['seamlessData|anyOf'],
    },
    {
      name: 'header names match whatever their case',
      given: {
        query: validSnapParameters.query,
        header: Object.fromEntries(
          Object.entries(validSnapParameters.header).map(([k, v]) => [k.toLowerCase(), v]),
        ),
      },
      want: [],
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = v
        .validateParameters('getOAuthCode', given, ['X-SIGNATURE'])
        .map((i) => `${i.field}|${i.rule}`);
      expect(got.sort()).toEqual([...want].sort());
    });
  }
  it('requires X-SIGNATURE unless skipped', () => {
    expect(
      v.validateParameters('getOAuthCode', validSnapParameters).map((i) => `${i.field}|${i.rule}`),
    ).toEqual(['X-SIGNATURE|required']);
  });
  it('refuses an operation the document does not have, by name', () => {
    expect(() => v.validateParameters('nope', {})).toThrow(/no operation "nope"/);
  });
});

describe('validateParameters on any document: path-item parameters, $ref parameters, overrides', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {
      '/items/{id}': {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
          { name: 'limit', in: 'query', schema: { type: 'string', maxLength: 1 } },
        ],
        get: {
          operationId: 'getItem',
          parameters: [
            { $ref: '#/components/parameters/Trace' },
            { name: 'limit', in: 'query', schema: { type: 'string', maxLength: 3 } },
          ],
        },
      },
    },
    components: {
      parameters: {
        Trace: { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string', minLength: 4 } },
      },
    },
  };
  const v = new RequestValidator(doc, 'test:items');
  it.each([
    { given: { path: { id: '12' }, header: { 'X-Trace': 'abcd' } }, want: [] as string[] },
    { given: { path: { id: 'a' }, header: { 'X-Trace': 'abcd' } }, want: ['id|pattern'] },
    { given: { path: { id: '1' } }, want: ['X-Trace|required'] },
    { given: { path: { id: '1' }, header: { 'x-trace': 'ab' } }, want: ['X-Trace|minLength'] },
    // The operation's own `limit` (maxLength 3) replaces the path item's (maxLength 1).
    { given: { path: { id: '1' }, header: { 'X-Trace': 'abcd' }, query: { limit: '123' } }, want: [] },
    {
      given: { path: { id: '1' }, header: { 'X-Trace': 'abcd' }, query: { limit: '1234' } },
      want: ['limit|maxLength'],
    },
  ])('$given → $want', ({ given, want }) => {
    expect(v.validateParameters('getItem', given).map((i) => `${i.field}|${i.rule}`)).toEqual(want);
  });
});

describe('one Ajv setup: OpenAPI formats known, warnings never through console', () => {
  // A spy, not a mock: it asserts the library never writes to console (a rule of the project).
  const consoleCalls = () =>
    (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
  afterEach(() => vi.restoreAllMocks());

  const docWith = (formats: readonly string[]) => ({
    openapi: '3.1.0',
    paths: {
      '/f': {
        post: {
          operationId: 'f',
          parameters: formats.map((format) => ({
            name: `q-${format}`,
            in: 'query',
            schema: { type: 'string', format },
          })),
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(
                    formats.map((format) => [format, { type: 'string', format }]),
                  ),
                },
              },
            },
          },
        },
      },
    },
  });
  const captured = () => {
    const lines: { level: number; msg: string }[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    return { lines, logger: createLogger({ level: 'debug' }, stream) };
  };
  const compileAll = (v: RequestValidator, formats: readonly string[]) => {
    const body = Object.fromEntries(formats.map((f) => [f, 'x']));
    const query = Object.fromEntries(formats.map((f) => [`q-${f}`, 'x']));
    return [...v.validate('f', body), ...v.validateParameters('f', { query })];
  };

  it.each([
    { given: 'every OpenAPI format name', formats: OPENAPI_FORMATS, warns: false },
    {
      given: 'ajv-formats names (date-time, email, uri)',
      formats: ['date-time', 'email', 'uri'],
      warns: false,
    },
    { given: 'a format no one registered', formats: ['made-up'], warns: true },
  ])('$given: compiles with no console output; warns through pino only: $warns', ({ formats, warns }) => {
    const spies = consoleCalls();
    const { lines, logger } = captured();
    compileAll(new RequestValidator(docWith(formats), 'test:formats', { logger }), formats);
    compileAll(new RequestValidator(docWith(formats), 'test:formats-quiet'), formats);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.length > 0).toBe(warns);
    for (const w of warnings) expect(w.msg).toMatch(/unknown format "made-up"/);
  });

  it.each([
    { given: 'byte: base64 text', value: 'b25lbGluaw==', want: [] as string[] },
    { given: 'byte: not base64', value: 'not base64!', want: ['byte|format'] },
    { given: 'password: any text', value: 'x', want: [] as string[] },
  ])('OpenAPI formats keep what ajv-formats checks — $given', ({ given, value, want }) => {
    const format = given.split(':')[0]!;
    const v = new RequestValidator(docWith([format]), `test:check-${format}`);
    expect(v.validate('f', { [format]: value }).map((i) => `${i.field}|${i.rule}`)).toEqual(want);
  });

  it('lists the OpenAPI 3.x format names', () => {
    expect([...OPENAPI_FORMATS].sort()).toEqual([
      'binary',
      'byte',
      'double',
      'float',
      'int32',
      'int64',
      'password',
    ]);
  });
});
