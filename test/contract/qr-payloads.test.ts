import { appendCrc } from '@onelink-kit/emvqr';
import { defaultLayout, loadFixtures } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';
import { qrPayloadsOf, qrProblems } from '../support/qr-checks.js';

// Contract test 2: every QR payload in a fixture decodes, its CRC verifies, and it agrees with the
// fixture's request under the project's EMV mapping (@onelink-kit/emvqr verify + checkAgainstRequest).
const fixtures = loadFixtures(defaultLayout().fixturesDir);
const withQr = fixtures.filter((f) => qrPayloadsOf(f.fixture).length > 0);

describe('QR payloads in fixtures', () => {
  it('exist in every QR success fixture', () => {
    const successes = fixtures.filter(
      (f) => f.scenario === 'success' && f.operationId.startsWith('generateDQRC'),
    );
    expect(successes.length).toBeGreaterThanOrEqual(2);
    for (const f of successes) expect(qrPayloadsOf(f.fixture), f.file).not.toEqual([]);
  });

  it.each(withQr.map((f) => ({ name: `${f.operationId}/${f.scenario}`, f })))(
    '$name decodes, verifies and matches its request',
    ({ f }) => {
      expect(qrProblems(f.fixture)).toEqual([]);
    },
  );

  it.each([
    {
      name: 'a wrong CRC',
      edit: (qr: string) => `${qr.slice(0, -4)}${qr.slice(-4) === '0000' ? '0001' : '0000'}`,
      want: /tag 63: .*CRC/i,
    },
    {
      name: 'an amount other than the request',
      // CRC recomputed, so only the mapping check can catch it.
      edit: (qr: string) => appendCrc(qr.replace('5406310.00', '5406999.00').slice(0, -8)),
      want: /tag 54 is "999.00", request paymentDetails.instructedAmount wants "310.00"/,
    },
  ])('catches $name', ({ edit, want }) => {
    const f = withQr.find((x) => x.operationId === 'generateDQRCMerchant')!;
    const broken = structuredClone(f.fixture);
    const body = broken.response.body as { qrString: string };
    body.qrString = edit(body.qrString);
    expect(qrProblems(broken).join('\n')).toMatch(want);
  });
});
