import { withStanRrn } from '@onelink-kit/core';
import { build, fieldsFromRequest } from '@onelink-kit/emvqr';
import { document } from '@onelink-kit/generated/gateway';
import { oneLinkExample } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { decodeAndCheck } from '../../src/qr/qr-decode.js';

// The 1LINK spec's MerchantRequestSuccess example (expiry 2026-11-22T10:15:00 PKT) with this test's ids.
const sent = withStanRrn('merchant', oneLinkExample('MerchantRequestSuccess'), {
  stan: '000001',
  rrn: '261122000001',
});
const matching = build(fieldsFromRequest(sent));

describe('decodeAndCheck', () => {
  it('a QR built from the request: decoded, no mismatch', () => {
    const got = decodeAndCheck(matching, sent);
    expect(got.check).toEqual({ ok: true, mismatches: [] });
    expect(got.decoded).toMatchObject({
      pointOfInitiation: 'dynamic',
      merchantName: 'Karachi Chai Corner',
      merchantCity: 'Karachi',
      amount: '310.00',
      currency: '586',
      iban: 'PK36SCBL0000001123456702',
      referenceLabel: '261122000001',
      terminalLabel: '0001',
      expiresAt: '2026-11-22T10:15:00',
    });
  });

  it("decoded members come in the spec's order, only those the QR carries", () => {
    const specOrder = Object.keys(document.components.schemas.QrDecoded.properties);
    const fields = fieldsFromRequest(sent);
    const {
      loyaltyNumber: _loyalty,
      customerLabel: _customer,
      ...additionalData
    } = fields.additionalData ?? {};
    const fewer = { ...fields, additionalData };
    const given = [
      { name: 'every member', payload: matching, wantLoyaltyAndCustomer: true },
      { name: 'no loyalty number or customer label', payload: build(fewer), wantLoyaltyAndCustomer: false },
    ];
    for (const { name, payload, wantLoyaltyAndCustomer } of given) {
      const decoded = decodeAndCheck(payload, sent).decoded ?? {};
      const keys = Object.keys(decoded);
      expect(keys, name).toEqual(specOrder.filter((key) => key in decoded));
      expect(Object.values(decoded), name).not.toContain(undefined);
      expect(keys.includes('loyaltyNumber') && keys.includes('customerLabel'), name).toBe(
        wantLoyaltyAndCustomer,
      );
    }
  });

  const cases = [
    {
      name: 'other amount',
      change: { paymentDetails: { ...sent.paymentDetails, instructedAmount: 311 } },
      field: 'paymentDetails.instructedAmount',
    },
    { name: 'other RRN', change: { info: { stan: '000002', rrn: '261122000002' } }, field: 'info.rrn' },
    {
      name: 'other IBAN',
      change: { merchantDetails: { ...sent.merchantDetails, iban: 'PK00XXXX0000000000000000' } },
      field: 'merchantDetails.iban',
    },
  ];
  it.each(cases)('request with $name than the QR → mismatch on $field', ({ change, field }) => {
    const got = decodeAndCheck(matching, { ...sent, ...change });
    expect(got.check.ok).toBe(false);
    expect(got.check.mismatches.map((m) => m.field)).toEqual([field]);
    expect(got.decoded).toBeDefined();
  });

  const broken = [
    { name: 'CRC changed', payload: `${matching.slice(0, -4)}0000` },
    { name: 'truncated', payload: matching.slice(0, 40) },
    { name: 'not EMV at all', payload: 'hello' },
  ];
  it.each(broken)('$name → no decoded view, the problems as mismatches', ({ payload }) => {
    const got = decodeAndCheck(payload, sent);
    expect(got.decoded).toBeUndefined();
    expect(got.check.ok).toBe(false);
    expect(got.check.mismatches.length).toBeGreaterThan(0);
    expect(got.check.mismatches[0]?.field).toBe('qrString');
  });
});
