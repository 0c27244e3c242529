import { describe, expect, it } from 'vitest';
import { RECORD_COLUMNS } from '../../src/storage/hot-statements.js';
import { fromRow } from '../../src/storage/transaction-record.js';

const row = {
  id: 'qr_1',
  kind: 'merchant',
  status: 'succeeded',
  caller: 'key_aaaa0001',
  idempotency_key: null,
  request_hash: 'a'.repeat(64),
  caller_reference: 'order-1',
  stan: '000001',
  rrn: '260010000001',
  amount: '101',
  merchant_id: 'M0001',
  expiry_date_time: '2026-01-01T12:00:00',
  request: '{"n":1}',
  upstream_status: '200',
  response_code: '00',
  upstream_response: '{"responseCode":"00"}',
  qr_string: '000201',
  qr_decoded: '{"amount":"101.00"}',
  qr_check: '{"ok":true}',
  qr_mismatch: 0,
  response_status: 201,
  response_body: '{"id":"qr_1"}',
  error: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:01.000Z',
  completed_at: null,
  recovered_at: null,
  owner: 'i-1',
};

describe('fromRow', () => {
  it('reads only the columns the hot reads select, and every member has one', () => {
    const read = new Set<string>();
    const watched = new Proxy(row, {
      get(target, key) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key);
      },
    });
    const record = fromRow(watched);
    // Every member: the fields, and the getters of the lazily parsed JSON columns, on the record's
    // class and on the replay record's it extends.
    const getters: string[] = [];
    for (
      let proto = Object.getPrototypeOf(record);
      proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
        if (descriptor.get !== undefined) getters.push(name);
      }
    }
    expect(getters.length).toBeGreaterThan(0);
    for (const member of [...Object.keys(record), ...getters]) void record[member as keyof typeof record];
    expect([...read].sort()).toEqual([...RECORD_COLUMNS].sort());
  });

  it.each([
    { given: 'SQLite 0', column: 0, want: false },
    { given: 'SQLite 1', column: 1, want: true },
    { given: 'Postgres false', column: false, want: false },
    { given: 'Postgres true', column: true, want: true },
    { given: 'NULL', column: null, want: null },
  ])('qr_mismatch $given reads as $want', ({ column, want }) => {
    expect(fromRow({ ...row, qr_mismatch: column }).qrMismatch).toBe(want);
  });

  it('reads numbers as numbers and NULL columns as null', () => {
    const record = fromRow(row);
    expect([record.amount, record.upstreamStatus, record.responseStatus]).toEqual([101, 200, 201]);
    expect([record.idempotencyKey, record.completedAt, record.recoveredAt, record.error]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(fromRow({ ...row, upstream_status: null }).upstreamStatus).toBeNull();
  });

  it('parses each JSON column on first read, once, and takes objects a driver already parsed as they are', () => {
    const record = fromRow(row);
    expect(record.request).toEqual({ n: 1 });
    expect(record.request).toBe(record.request);
    expect(record.qrDecoded).toEqual({ amount: '101.00' });
    const parsed = { responseCode: '00' };
    expect(fromRow({ ...row, upstream_response: parsed }).upstreamResponse).toBe(parsed);
  });

  it('leaves a malformed JSON column alone until it is read', () => {
    const record = fromRow({ ...row, request: '{not json' });
    expect(record.id).toBe('qr_1');
    expect(() => record.request).toThrow(SyntaxError);
  });

  it('a spread copies the plain columns and leaves the JSON members out', () => {
    const copy: Record<string, unknown> = { ...fromRow(row) };
    expect(copy).toMatchObject({ id: 'qr_1', stan: '000001', qrString: '000201', owner: 'i-1' });
    for (const member of ['request', 'upstreamResponse', 'qrDecoded', 'qrCheck', 'responseBody', 'error']) {
      expect(copy).not.toHaveProperty(member);
    }
  });
});
