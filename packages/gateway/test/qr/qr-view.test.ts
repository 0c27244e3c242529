import { describe, expect, it } from 'vitest';
import { csvCell, toQrView } from '../../src/qr/qr-view.js';
import type { TransactionRecord } from '../../src/storage/transactions-store.js';

describe('csvCell', () => {
  const cases = [
    { given: 'plain', want: 'plain' },
    { given: 'a,b', want: '"a,b"' },
    { given: 'say "hi"', want: '"say ""hi"""' },
    { given: 'two\nlines', want: '"two\nlines"' },
    { given: '=HYPERLINK("x")', want: `"'=HYPERLINK(""x"")"` },
    { given: '+92300', want: "'+92300" },
    { given: '@cmd', want: "'@cmd" },
    { given: -5, want: '-5' },
    { given: null, want: '' },
    { given: false, want: 'false' },
  ];
  it.each(cases)('$given → $want', ({ given, want }) => {
    expect(csvCell(given)).toBe(want);
  });
});

describe('toQrView', () => {
  const row: TransactionRecord = {
    id: `qr_${'1'.repeat(32)}`,
    kind: 'merchant',
    status: 'pending',
    caller: 'key_1',
    idempotencyKey: null,
    requestHash: 'h',
    callerReference: null,
    stan: '000001',
    rrn: '261122000001',
    amount: 310,
    merchantId: 'M1',
    expiryDateTime: '2026-11-22T10:15:00',
    request: {},
    upstreamStatus: null,
    responseCode: null,
    upstreamResponse: null,
    qrString: null,
    qrDecoded: null,
    qrCheck: null,
    qrMismatch: null,
    responseStatus: null,
    responseBody: null,
    error: null,
    createdAt: '2026-11-22T05:00:00.000Z',
    updatedAt: '2026-11-22T05:00:00.000Z',
    completedAt: null,
    recoveredAt: null,
    owner: null,
  };
  it('a pending row: no upstream, no qr, only the self link; expiry converted from PKT to UTC', () => {
    const view = toQrView(row, 'https://gw.example.test');
    expect(view).toMatchObject({
      status: 'pending',
      expiresAtUtc: '2026-11-22T05:15:00.000Z',
      currency: 'PKR',
    });
    expect(view.links).toEqual({ self: `https://gw.example.test/v1/qr/${row.id}` });
    expect(view.upstream).toBeUndefined();
    expect(view.qr).toBeUndefined();
  });
});
