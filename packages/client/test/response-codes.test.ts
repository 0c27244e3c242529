import { document } from '@onelink-kit/generated/1link-p2m-qr';
import { describe, expect, it } from 'vitest';
import { oneLinkResponseCodes, ResponseCodeTable } from '../src/index.js';

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
