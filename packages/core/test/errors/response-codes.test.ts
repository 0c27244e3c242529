import { document } from '@onelink-kit/generated/1link-p2m-qr';
import { describe, expect, it } from 'vitest';
import { oneLinkResponseCodes, ResponseCodeTable } from '../../src/index.js';

describe('the response-code table is read from the spec', () => {
  it('has every code of x-onelink-response-codes with its kind and retryability', () => {
    const table = oneLinkResponseCodes();
    const spec = document['x-onelink-response-codes'];
    expect([...table.entries.keys()].sort()).toEqual(Object.keys(spec).sort());
    for (const [code, entry] of Object.entries(spec)) {
      expect(table.get(code)).toMatchObject({
        kind: entry.kind,
        retryable: entry.retryable,
        httpStatus: entry.httpStatus,
      });
    }
    expect(table.codesOf('duplicate')).toEqual(['94']);
  });

  it('rejects an unknown kind naming the code', () => {
    expect(() =>
      ResponseCodeTable.fromDocument(
        { 'x-onelink-response-codes': { '55': { kind: 'odd' } } },
        'spec/x.yaml',
      ),
    ).toThrow(/spec\/x\.yaml: x-onelink-response-codes\.55\.kind/);
  });
});

describe('classify', () => {
  const table = oneLinkResponseCodes();
  it.each([
    { given: { status: 200, responseCode: '00' }, want: { kind: 'success', retryable: false } },
    { given: { status: 200, responseCode: '13' }, want: { kind: 'validation', retryable: false } },
    { given: { status: 400, responseCode: '12' }, want: { kind: 'validation', retryable: false } },
    { given: { status: 409, responseCode: '94' }, want: { kind: 'duplicate', retryable: false } },
    { given: { status: 503, responseCode: '91' }, want: { kind: 'transient', retryable: true } },
    { given: { status: 500, responseCode: '96' }, want: { kind: 'upstream', retryable: false } },
    { given: { status: 200, responseCode: '77' }, want: { kind: 'business', retryable: false } },
    { given: { status: 200 }, want: { kind: 'upstream', retryable: false } },
    { given: { status: 401 }, want: { kind: 'auth', retryable: false } },
    { given: { status: 403 }, want: { kind: 'forbidden', retryable: false } },
    { given: { status: 404 }, want: { kind: 'not-found', retryable: false } },
    { given: { status: 429 }, want: { kind: 'rate-limit', retryable: true } },
    { given: { status: 502 }, want: { kind: 'transient', retryable: true } },
    { given: { status: 503 }, want: { kind: 'transient', retryable: true } },
    { given: { status: 504 }, want: { kind: 'transient', retryable: true } },
    { given: { status: 409 }, want: { kind: 'duplicate', retryable: false } },
    { given: { status: 500 }, want: { kind: 'upstream', retryable: false } },
    { given: { status: 418 }, want: { kind: 'business', retryable: false } },
  ])('HTTP $given.status code $given.responseCode → $want.kind', ({ given, want }) => {
    expect(table.classify(given)).toMatchObject(want);
  });
});

describe('read: the code/description pair of an answer body, classified', () => {
  const table = new ResponseCodeTable([
    { code: 'OTS0000', description: 'ok', kind: 'success', retryable: false, httpStatus: 200 },
    { code: 'OTS1011', description: 'bad signature', kind: 'signature', retryable: false, httpStatus: 400 },
  ]);
  const ots = { code: 'statusCode', description: ['statusDescription'] };
  it.each([
    {
      given: 'a success body in the named fields',
      status: 200,
      body: { statusCode: 'OTS0000', statusDescription: 'Success' },
      fields: ots,
      want: { code: 'OTS0000', description: 'Success', kind: 'success', retryable: false },
    },
    {
      given: 'a known failure code on HTTP 200 (the code wins over the status)',
      status: 200,
      body: { statusCode: 'OTS1011', statusDescription: 'Invalid signature' },
      fields: ots,
      want: { code: 'OTS1011', description: 'Invalid signature', kind: 'signature', retryable: false },
    },
    {
      given: 'the default (1LINK) fields fall back to the gateway httpMessage',
      status: 429,
      body: { httpCode: '429', httpMessage: 'Too Many Requests' },
      fields: undefined,
      want: { code: undefined, description: 'Too Many Requests', kind: 'rate-limit', retryable: true },
    },
    {
      given: 'responseDescription preferred over httpMessage',
      status: 503,
      body: { responseCode: '91', responseDescription: 'first', httpMessage: 'second' },
      fields: undefined,
      want: { code: '91', description: 'first', kind: 'transient', retryable: true },
    },
    {
      given: 'non-string values count as absent',
      status: 502,
      body: { statusCode: 7, statusDescription: { text: 'x' } },
      fields: ots,
      want: { code: undefined, description: undefined, kind: 'transient', retryable: true },
    },
    {
      given: 'no body at all (a proxy answer)',
      status: 504,
      body: undefined,
      fields: ots,
      want: { code: undefined, description: undefined, kind: 'transient', retryable: true },
    },
    {
      given: 'a string body',
      status: 200,
      body: 'OTS0000',
      fields: ots,
      want: { code: undefined, description: undefined, kind: 'upstream', retryable: false },
    },
  ])('$given', ({ status, body, fields, want }) => {
    const got = fields ? table.read(status, body, fields) : table.read(status, body);
    expect({
      code: got.code,
      description: got.description,
      kind: got.kind,
      retryable: got.retryable,
    }).toEqual(want);
  });

  it('carries the table entry of a known code', () => {
    expect(table.read(200, { statusCode: 'OTS1011' }, ots).entry?.description).toBe('bad signature');
  });
});
