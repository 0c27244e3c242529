// spec:diff — given a base and a head spec, want exactly these breaking / non-breaking changes.
import { describe, expect, it } from 'vitest';
import { diffSpecs, type SpecChange } from '../../src/diff/diff-specs.js';

// biome-ignore lint/suspicious/noExplicitAny: the cases mutate deep fixture documents freely.
type Json = Record<string, any>;

const json = { 'application/json': {} };

function baseSpec(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'diff fixture', version: '1' },
    'x-onelink-response-codes': {
      '00': { description: 'OK', kind: 'success', retryable: false, httpStatus: 200 },
      '91': { description: 'Switch inoperative', kind: 'transient', retryable: true, httpStatus: 503 },
    },
    paths: {
      '/qr': {
        post: {
          operationId: 'generateQr',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/QrRequest' } } },
          },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/QrResponse' } } },
            },
            '400': { description: 'bad', content: json },
          },
        },
      },
      '/status/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getStatus',
          parameters: [{ name: 'verbose', in: 'query', schema: { type: 'boolean' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      schemas: {
        QrRequest: {
          type: 'object',
          required: ['merchantId', 'amount'],
          properties: {
            merchantId: { type: 'string', maxLength: 35, pattern: '^[A-Z0-9]+$' },
            amount: { type: 'integer' },
            label: { type: 'string', maxLength: 25 },
            channel: { type: 'string', enum: ['POS', 'APP'] },
            info: { $ref: '#/components/schemas/Info' },
          },
        },
        Info: { type: 'object', required: ['stan'], properties: { stan: { type: 'string', maxLength: 6 } } },
        QrResponse: {
          type: 'object',
          required: ['responseCode', 'qrString'],
          properties: {
            responseCode: { type: 'string', enum: ['00', '12'] },
            qrString: { type: 'string' },
            expiryDateTime: { type: 'string' },
          },
        },
      },
    },
  };
}

const schemas = (doc: Json) => doc.components.schemas;
const reqBody = 'POST /qr request body (application/json)';
const res200 = 'POST /qr response 200 (application/json)';

interface Case {
  name: string;
  given: (head: Json) => void;
  want: Omit<SpecChange, 'message'>[];
  wantMessages?: string[];
}

const breaking = (rule: string, location: string) => ({ severity: 'breaking' as const, rule, location });
const nonBreaking = (rule: string, location: string) => ({
  severity: 'non-breaking' as const,
  rule,
  location,
});

const cases: Case[] = [
  { name: 'unchanged', given: () => {}, want: [] },
  {
    name: 'operation removed',
    given: (h) => delete h.paths['/status/{id}'],
    want: [breaking('operation-removed', 'GET /status/{id}')],
  },
  {
    name: 'operationId renamed (generated method renamed)',
    given: (h) => (h.paths['/qr'].post.operationId = 'createQr'),
    want: [breaking('operation-id-renamed', 'POST /qr')],
  },
  {
    name: 'path renamed, same operationId',
    given: (h) => {
      h.paths['/v2/qr'] = h.paths['/qr'];
      delete h.paths['/qr'];
    },
    want: [breaking('operation-moved', 'POST /qr')],
    wantMessages: ['operation generateQr moved to POST /v2/qr'],
  },
  {
    name: 'path parameter renamed only → same operation, but params.path changes',
    given: (h) => {
      h.paths['/status/{statusId}'] = h.paths['/status/{id}'];
      delete h.paths['/status/{id}'];
      h.paths['/status/{statusId}'].parameters[0].name = 'statusId';
    },
    want: [
      breaking('request-parameter-removed', 'GET /status/{id} path parameter id'),
      breaking('request-parameter-required-added', 'GET /status/{id} path parameter statusId'),
    ],
  },
  {
    name: 'operation added',
    given: (h) =>
      (h.paths['/health'] = { get: { operationId: 'health', responses: { '204': { description: 'up' } } } }),
    want: [nonBreaking('operation-added', 'GET /health')],
  },
  {
    name: 'response field removed',
    given: (h) => delete schemas(h).QrResponse.properties.expiryDateTime,
    want: [breaking('response-field-removed', `${res200} expiryDateTime`)],
  },
  {
    name: 'response field added',
    given: (h) => (schemas(h).QrResponse.properties.rrn = { type: 'string' }),
    want: [nonBreaking('response-field-added', `${res200} rrn`)],
  },
  {
    name: 'response field became optional',
    given: (h) => (schemas(h).QrResponse.required = ['responseCode']),
    want: [breaking('response-field-became-optional', `${res200} qrString`)],
  },
  {
    name: 'new required request field',
    given: (h) => {
      schemas(h).QrRequest.properties.rrn = { type: 'string' };
      schemas(h).QrRequest.required.push('rrn');
    },
    want: [breaking('request-field-required-added', `${reqBody} rrn`)],
  },
  {
    name: 'new optional request field',
    given: (h) => (schemas(h).QrRequest.properties.note = { type: 'string' }),
    want: [nonBreaking('request-field-added', `${reqBody} note`)],
  },
  {
    name: 'request field removed',
    given: (h) => delete schemas(h).QrRequest.properties.label,
    want: [breaking('request-field-removed', `${reqBody} label`)],
  },
  {
    name: 'optional request field became required',
    given: (h) => schemas(h).QrRequest.required.push('label'),
    want: [breaking('request-field-became-required', `${reqBody} label`)],
  },
  {
    name: 'required request field became optional',
    given: (h) => (schemas(h).QrRequest.required = ['merchantId']),
    want: [nonBreaking('request-field-became-optional', `${reqBody} amount`)],
  },
  {
    name: 'request type changed integer → string',
    given: (h) => (schemas(h).QrRequest.properties.amount = { type: 'string' }),
    want: [breaking('request-type-changed', `${reqBody} amount`)],
    wantMessages: ['type changed integer → string'],
  },
  {
    name: 'request type widened integer → integer | string (the aggregator amount quirk)',
    given: (h) => (schemas(h).QrRequest.properties.amount = { type: ['integer', 'string'] }),
    want: [nonBreaking('request-type-widened', `${reqBody} amount`)],
  },
  {
    name: 'response type widened string → string | null breaks readers',
    given: (h) => (schemas(h).QrResponse.properties.qrString = { type: ['string', 'null'] }),
    want: [breaking('response-type-changed', `${res200} qrString`)],
  },
  {
    name: 'maxLength tightened in a $ref-ed nested schema',
    given: (h) => (schemas(h).Info.properties.stan.maxLength = 4),
    want: [breaking('request-maxLength-tightened', `${reqBody} info.stan`)],
    wantMessages: ['maxLength tightened 6 → 4'],
  },
  {
    name: 'maxLength loosened',
    given: (h) => (schemas(h).QrRequest.properties.merchantId.maxLength = 40),
    want: [nonBreaking('request-maxLength-loosened', `${reqBody} merchantId`)],
  },
  {
    name: 'minLength added (tightened)',
    given: (h) => (schemas(h).QrRequest.properties.label.minLength = 1),
    want: [breaking('request-minLength-tightened', `${reqBody} label`)],
  },
  {
    name: 'pattern changed',
    given: (h) => (schemas(h).QrRequest.properties.merchantId.pattern = '^[A-Z]+$'),
    want: [breaking('request-pattern-changed', `${reqBody} merchantId`)],
  },
  {
    name: 'pattern removed (loosened)',
    given: (h) => delete schemas(h).QrRequest.properties.merchantId.pattern,
    want: [nonBreaking('request-pattern-loosened', `${reqBody} merchantId`)],
  },
  {
    name: 'request enum value removed',
    given: (h) => (schemas(h).QrRequest.properties.channel.enum = ['POS']),
    want: [breaking('request-enum-value-removed', `${reqBody} channel`)],
  },
  {
    name: 'request enum value added',
    given: (h) => schemas(h).QrRequest.properties.channel.enum.push('WEB'),
    want: [nonBreaking('request-enum-value-added', `${reqBody} channel`)],
  },
  {
    name: 'response enum value added',
    given: (h) => schemas(h).QrResponse.properties.responseCode.enum.push('94'),
    want: [breaking('response-enum-value-added', `${res200} responseCode`)],
  },
  {
    name: 'response code removed',
    given: (h) => delete h.paths['/qr'].post.responses['400'],
    want: [breaking('response-code-removed', 'POST /qr response 400')],
  },
  {
    name: 'response code added',
    given: (h) => (h.paths['/qr'].post.responses['409'] = { description: 'dup', content: json }),
    want: [nonBreaking('response-code-added', 'POST /qr response 409')],
  },
  {
    name: 'request media type removed',
    given: (h) => {
      const body = h.paths['/qr'].post.requestBody;
      body.content = { 'application/x-www-form-urlencoded': body.content['application/json'] };
    },
    want: [
      breaking('request-media-type-removed', 'POST /qr request body (application/json)'),
      nonBreaking('request-media-type-added', 'POST /qr request body (application/x-www-form-urlencoded)'),
    ],
  },
  {
    name: 'required query parameter added, optional one made required',
    given: (h) => {
      const op = h.paths['/status/{id}'].get;
      op.parameters[0].required = true;
      op.parameters.push({ name: 'scope', in: 'query', required: true, schema: { type: 'string' } });
    },
    want: [
      breaking('request-parameter-became-required', 'GET /status/{id} query parameter verbose'),
      breaking('request-parameter-required-added', 'GET /status/{id} query parameter scope'),
    ],
  },
  {
    name: 'optional header parameter added',
    given: (h) =>
      h.paths['/status/{id}'].get.parameters.push({
        name: 'X-Trace',
        in: 'header',
        schema: { type: 'string' },
      }),
    want: [nonBreaking('request-parameter-added', 'GET /status/{id} header parameter x-trace')],
  },
  {
    name: 'response-code table: entry removed, retryable changed, entry added',
    given: (h) => {
      const table = h['x-onelink-response-codes'];
      delete table['00'];
      table['91'].retryable = false;
      table['94'] = { description: 'Duplicate', kind: 'duplicate', retryable: false, httpStatus: 409 };
    },
    want: [
      breaking('response-code-table-entry-removed', 'x-onelink-response-codes 00'),
      breaking('response-code-table-entry-changed', 'x-onelink-response-codes 91'),
      nonBreaking('response-code-table-entry-added', 'x-onelink-response-codes 94'),
    ],
  },
];

describe('diffSpecs', () => {
  it.each(cases)('$name', ({ given, want, wantMessages }) => {
    const head = structuredClone(baseSpec());
    given(head);
    const changes = diffSpecs(baseSpec(), head);
    expect(changes.map(({ severity, rule, location }) => ({ severity, rule, location }))).toEqual(want);
    if (wantMessages) expect(changes.map((c) => c.message)).toEqual(wantMessages);
  });

  it('a removed spec is breaking, a new one is not', () => {
    expect(diffSpecs(baseSpec(), undefined).map((c) => [c.severity, c.rule])).toEqual([
      ['breaking', 'spec-removed'],
    ]);
    expect(diffSpecs(undefined, baseSpec()).map((c) => [c.severity, c.rule])).toEqual([
      ['non-breaking', 'spec-added'],
      ['non-breaking', 'operation-added'],
      ['non-breaking', 'operation-added'],
    ]);
  });
});
