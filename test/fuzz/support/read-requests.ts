import fc from 'fast-check';
import type { FuzzRequest } from './requests.js';
import { arbitraryFor, dateTime } from './schema-arbitrary.js';
import type { Operation } from './spec.js';

// GET operations: ids (known, unknown, malformed), image scales, export filters and hostile query strings.

const HEX32 = fc.stringMatching(/^[0-9a-f]{32}$/);

const BAD_IDS: string[] = [
  'qr_123',
  `qr_${'A'.repeat(32)}`,
  `qr_${'0'.repeat(33)}`,
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  `qr_${'0'.repeat(31)}%00`,
  'x'.repeat(2000),
  '%F0%9F%98%80',
  'qr_%2e%2e',
];

/** RFC 3339 instants that are valid but unusual: a leap second, lower case, offsets sent as %2B. */
const ODD_VALID_INSTANTS = [
  '2026-06-30T23:59:60Z',
  '2016-12-31T23:59:60Z',
  '2026-11-22t00:00:00z',
  '2026-11-22T00:00:00%2B05:00',
  '2026-11-22T00:00:00.123456789Z',
  '2026-11-22T00:00:00-00:00',
];

/** What an operator might type or an attacker might send, none of which is an RFC 3339 instant. */
const BAD_INSTANTS = [
  '2026-06-30T23:59:60%2B05',
  '2026-11-22T00:00:00%2B05',
  '2026-11-22T00:00:00%2B24:00',
  '2026-11-22T00:00:00-24:00',
  '2026-11-22T00:00:00%2B05:60',
  '2026-11-22T00:00:00+05:00',
  '2026-11-22T24:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-22',
  '2026-11-22T00:00Z',
  'now',
  '',
  '%00',
  '9999999-01-01T00:00:00Z',
  '0000-00-00T00:00:00Z',
  '2026-11-22T00:00:61Z',
];

export function readRequests(op: Operation, key: string): fc.Arbitrary<FuzzRequest> {
  const auth: Array<[string, string]> = op.secured ? [['authorization', `Bearer ${key}`]] : [];
  const request = (
    why: string,
    valid: boolean,
    target: string,
    extra: Partial<FuzzRequest> = {},
  ): FuzzRequest => ({
    operationId: op.operationId,
    valid,
    why,
    method: 'GET',
    target,
    headers: auth,
    creates: false,
    ...extra,
  });
  const arbitraries: Array<fc.Arbitrary<FuzzRequest>> = [];
  const hasId = op.path.includes('{id}');
  if (hasId) {
    const scale = op.parameters.some((p) => p.name === 'scale');
    const validId = fc.record({
      known: fc.boolean(),
      index: fc.nat(),
      fallback: HEX32.map((h) => `qr_${h}`),
    });
    const validScale = scale
      ? fc.option(fc.integer({ min: 1, max: 32 }), { nil: undefined })
      : fc.constant(undefined);
    arbitraries.push(
      fc
        .tuple(validId, validScale)
        .map(([idChoice, s]) =>
          request('valid', true, `${op.path}${s === undefined ? '' : `?scale=${s}`}`, { idChoice }),
        ),
      fc
        .constantFrom(...BAD_IDS)
        .map((id) => request(`path id: ${id.slice(0, 30)}`, false, op.path.replace('{id}', id))),
    );
    if (scale) {
      arbitraries.push(
        fc
          // The validator reads 1e1 as the integer 10 (a valid scale); 4e1 is out of range.
          .constantFrom('0', '33', '1.5', 'abc', '', '-1', '8&scale=9', '99999999999999999999', '4e1')
          .chain((s) =>
            validId.map((idChoice) => request(`scale=${s}`, false, `${op.path}?scale=${s}`, { idChoice })),
          ),
      );
    }
  } else if (op.operationId === 'listTransactions') {
    const instant = fc.oneof(dateTime(), fc.constantFrom(...ODD_VALID_INSTANTS));
    // Every query parameter the spec declares, each present or absent; from/to as RFC 3339 instants.
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of op.parameters.filter((p) => p.in === 'query')) {
      model[p.name] = p.name === 'from' || p.name === 'to' ? instant : arbitraryFor(p.schema);
    }
    const valid = fc.record(model, { requiredKeys: [] }).map((query) => {
      // Paging is JSON only (the gateway's documented rule): a paged CSV request is an invalid one.
      if (('limit' in query || 'cursor' in query) && query.format === 'csv') delete query.format;
      const text = Object.entries(query)
        .map(([k, v]) => `${k}=${String(v).replace(/\+/g, '%2B')}`)
        .join('&');
      return request('valid', true, `${op.path}${text ? `?${text}` : ''}`);
    });
    arbitraries.push(
      valid,
      fc
        .tuple(fc.constantFrom('from', 'to'), fc.constantFrom(...BAD_INSTANTS))
        .map(([name, value]) => request(`${name}=${value}`, false, `${op.path}?${name}=${value}`)),
      fc
        .constantFrom(
          'status=bogus',
          'format=xml',
          'status=unknown&status=failed',
          'from=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z',
          'limit=0',
          'limit=501',
          'limit=5&format=csv',
          'cursor=ABC',
          'page=2',
          'access_token=abc',
          'format=',
          'status[]=unknown',
        )
        .map((query) => request(query, false, `${op.path}?${query}`)),
    );
  } else {
    arbitraries.push(
      fc.constant(request('valid', true, op.path)),
      fc.constantFrom('x=1', 'token=secret').map((q) => request(`query ${q}`, false, `${op.path}?${q}`)),
    );
  }
  if (op.secured) {
    arbitraries.push(
      fc
        .constantFrom<[string, Array<[string, string]>]>(
          ['no API key', []],
          ['Bearer without key', [['authorization', 'Bearer']]],
          ['two keys', [['authorization', `Bearer ${key} ${key}`]]],
        )
        .map(([why, headers]) =>
          request(why, false, op.path.replace('{id}', `qr_${'0'.repeat(32)}`), { headers }),
        ),
    );
  }
  return fc.oneof(...arbitraries);
}
