import { decodeQrPng } from '@onelink-kit/testkit';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { build, fieldsFromRequest, renderPng, renderSvg, renderTerminal } from '../src/index.js';
import { EMVCO } from './vectors.js';

const RAAST = build(
  fieldsFromRequest(
    {
      merchantDetails: {
        dbaName: 'Lahore Chai Khana',
        iban: 'PK36SCBL0000001123456702',
        bankBic: 'SCBLPK',
        merchantCategoryCode: '5814',
        merchantID: 'M0042',
        postalAddress: { townName: 'Lahore', subDept: 'T9' },
      },
      paymentDetails: { instructedAmount: 150, expiryDateTime: '2026-11-22T10:00:00' },
      info: { stan: '000001', rrn: '000000000042' },
    },
    { urdu: { merchantName: 'لاہور چائے خانہ', merchantCity: 'لاہور' } },
  ),
);

describe('renderPng()', () => {
  it.each([
    ['Raast P2M payload with an Urdu language template', RAAST],
    ['EMVCo example with Chinese', EMVCO],
  ])('draws a QR code that a reader decodes back to the payload: %s', async (_name, payload) => {
    const png = await renderPng(payload);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(decodeQrPng(png)).toBe(payload);
  });

  it('honours the width option', async () => {
    const image = PNG.sync.read(await renderPng(RAAST, { width: 600 }));
    expect(image.width).toBe(600);
    expect(decodeQrPng(await renderPng(RAAST, { width: 600 }))).toBe(RAAST);
  });

  it('uses error correction M by default (denser than L for the same payload)', async () => {
    const size = async (level?: 'L' | 'M'): Promise<number> =>
      PNG.sync.read(
        await renderPng(RAAST, { scale: 1, margin: 0, ...(level ? { errorCorrectionLevel: level } : {}) }),
      ).width;
    expect(await size()).toBe(await size('M'));
    expect(await size('M')).toBeGreaterThan(await size('L'));
  });
});

describe('renderSvg() and renderTerminal()', () => {
  it('writes an SVG document', async () => {
    const svg = await renderSvg(RAAST, { margin: 2 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
  });

  it('writes UTF-8 half blocks without ANSI escapes', async () => {
    const text = await renderTerminal(RAAST);
    expect(text).toMatch(/[█▀▄]/);
    expect(text).not.toContain('\u001b[');
    expect(text.split('\n').length).toBeGreaterThan(20);
  });
});
