import { build, renderPng } from '@onelink-kit/emvqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeQrPng } from '../src/index.js';

describe('decodeQrPng', () => {
  it('reads back the payload of a rendered QR, and nothing from an image without one', async () => {
    const payload = build({
      payloadFormatIndicator: '01',
      pointOfInitiationMethod: '11',
      merchantAccountInformation: [{ tag: '26', children: [{ tag: '00', value: 'pk.1link.raast.p2m' }] }],
      merchantCategoryCode: '5812',
      transactionCurrency: '586',
      countryCode: 'PK',
      merchantName: 'Test Shop',
      merchantCity: 'Karachi',
    });
    expect(decodeQrPng(await renderPng(payload, { width: 300 }))).toBe(payload);
    const blank = new PNG({ width: 50, height: 50 });
    blank.data.fill(255);
    expect(decodeQrPng(PNG.sync.write(blank))).toBeUndefined();
  });
});
