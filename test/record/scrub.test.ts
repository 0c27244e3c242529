import { build, fieldsFromRequest, verify } from '@onelink-kit/emvqr';
import { PLACEHOLDERS, type SecretValue, scrubHeaders, scrubText, scrubValue } from '@onelink-kit/mock';
import { oneLinkExample } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';

const secrets: SecretValue[] = [
  { name: 'ONELINK_CLIENT_ID', value: 'client-id-abcdef123456', placeholder: PLACEHOLDERS.clientId },
  { name: 'ONELINK_CLIENT_SECRET', value: 's3cret/with+chars=', placeholder: PLACEHOLDERS.clientSecret },
];

describe('scrubHeaders', () => {
  it.each<{ given: Record<string, string>; want: Record<string, string> }>([
    { given: { Authorization: 'Bearer eyJhbGciOi.xyz' }, want: { authorization: 'Bearer <ACCESS_TOKEN>' } },
    { given: { Authorization: 'Basic Y2xpZW50OnNlY3JldA==' }, want: { authorization: 'Basic <REDACTED>' } },
    { given: { 'X-IBM-Client-Id': 'whatever' }, want: { 'x-ibm-client-id': '<ONELINK_CLIENT_ID>' } },
    { given: { 'Set-Cookie': 'apic=abc; HttpOnly' }, want: { 'set-cookie': '<REDACTED>' } },
    { given: { Date: 'Sat', 'Content-Length': '12', 'Retry-After': '30' }, want: { 'retry-after': '30' } },
    {
      given: { 'X-Debug': 'client was client-id-abcdef123456' },
      want: { 'x-debug': 'client was <ONELINK_CLIENT_ID>' },
    },
  ])('$given', ({ given, want }) => {
    expect(scrubHeaders(given, secrets)).toEqual(want);
  });
});

describe('scrubValue', () => {
  it('replaces credentials by key and by value, masks PII by key and by pattern', () => {
    const given = {
      client_id: 'client-id-abcdef123456',
      client_secret: 'anything',
      access_token: 'tok',
      note: `echo ${encodeURIComponent('s3cret/with+chars=')} for cnic 35202-1234567-1`,
      merchantDetails: {
        iban: 'PK36SCBL0000001123456702',
        contactDetails: { mobileNo: '03001234567', email: 'x@y.example' },
      },
      list: ['call +92 300 1234567'],
    };
    expect(scrubValue(given, secrets)).toEqual({
      client_id: '<ONELINK_CLIENT_ID>',
      client_secret: '<ONELINK_CLIENT_SECRET>',
      access_token: '<ACCESS_TOKEN>',
      note: 'echo <ONELINK_CLIENT_SECRET> for cnic 00000-0000000-1',
      merchantDetails: {
        iban: 'PK35XXXX0000000000006702',
        contactDetails: { mobileNo: '03000000067', email: 'x@y.example' },
      },
      list: ['call +92 300 0000067'],
    });
  });
});

describe('scrubText on an EMV QR payload', () => {
  // The spec's merchant example (every field set): its IBAN is the one the secrets mask.
  const request = oneLinkExample('MerchantRequestSuccess');
  const qr = build(fieldsFromRequest(request));

  it('masks the IBAN inside the payload and recomputes the CRC so it still verifies', () => {
    const scrubbed = scrubText(qr, secrets);
    expect(scrubbed).toContain('PK35XXXX0000000000006702');
    expect(scrubbed).not.toContain('PK36SCBL0000001123456702');
    expect(scrubbed).toHaveLength(qr.length);
    expect(verify(scrubbed).ok).toBe(true);
    expect(scrubbed.slice(-4)).not.toBe(qr.slice(-4));
  });

  it('leaves a payload without personal data byte for byte alone', () => {
    const clean = build(
      fieldsFromRequest({ ...request, merchantDetails: { ...request.merchantDetails, iban: 'NOTANIBAN' } }),
    );
    expect(scrubText(clean, secrets)).toBe(clean);
  });
});
