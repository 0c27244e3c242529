import { document } from '@onelink-kit/generated/1link-p2m-qr';
import jpegJs from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isEmvQrPayload, jsonStrings, locateQr, locateQrText, renderPng } from '../../src/index.js';

const payload = document.components.examples.MerchantQrSuccess.value.qrString;
const badCrc = `${payload.slice(0, -4)}0000`;

async function pngBase64(text: string): Promise<string> {
  return (await renderPng(text, { scale: 4 })).toString('base64');
}

async function jpegDataUri(text: string): Promise<string> {
  const png = PNG.sync.read(await renderPng(text, { scale: 6 }));
  const jpeg = jpegJs.encode({ data: png.data, width: png.width, height: png.height }, 90);
  return `data:image/jpeg;base64,${jpeg.data.toString('base64')}`;
}

describe('locateQr finds the EMVCo payload wherever the answer carries it', () => {
  it.each([
    {
      given: 'the spec field qrString',
      answer: { responseCode: '00', qrString: payload, qrData: payload },
      want: { payload, source: 'field', path: '$.qrString' },
    },
    {
      given: 'qrData, a string under another name',
      answer: { responseCode: '00', qrData: payload },
      want: { payload, source: 'string', path: '$.qrData' },
    },
    {
      given: 'a nested field with an odd name',
      answer: { responseCode: '00', data: [{ 'qr payload': payload }] },
      want: { payload, source: 'string', path: '$.data[0]["qr payload"]' },
    },
    {
      given: 'a payload with a bad CRC beside a good one: the good one',
      answer: { responseCode: '00', a: badCrc, b: payload },
      want: { payload, source: 'string', path: '$.b' },
    },
    {
      given: 'nothing',
      answer: { responseCode: '00', responseDescription: 'Processed OK' },
      want: undefined,
    },
    { given: 'only a bad CRC', answer: { responseCode: '00', qrData: badCrc }, want: undefined },
    { given: 'not an object', answer: 'Processed OK', want: undefined },
  ])('$given', async ({ answer, want }) => {
    expect(locateQrText(answer, { field: 'qrString' })).toEqual(want);
    expect(await locateQr(answer, { field: 'qrString' })).toEqual(want);
  });

  it('reads a base64 PNG of the QR (as emvqr renders it) when no text holds the payload', async () => {
    const answer = { responseCode: '00', qrCode: await pngBase64(payload) };
    expect(locateQrText(answer, { field: 'qrString' })).toBeUndefined();
    expect(await locateQr(answer, { field: 'qrString' })).toEqual({
      payload,
      source: 'image',
      path: '$.qrCode',
    });
  });

  it('reads a data: URI JPEG of the QR', async () => {
    const answer = { responseCode: '00', result: { image: await jpegDataUri(payload) } };
    expect(await locateQr(answer)).toEqual({ payload, source: 'image', path: '$.result.image' });
  });

  it('prefers text to an image, and ignores an image of a QR that is not an EMVCo payload', async () => {
    const image = await pngBase64(payload);
    expect(await locateQr({ qrCode: image, qrData: payload })).toEqual({
      payload,
      source: 'string',
      path: '$.qrData',
    });
    expect(await locateQr({ qrCode: await pngBase64('https://example.com/pay') })).toBeUndefined();
    expect(await locateQr({ qrCode: await pngBase64(badCrc) })).toBeUndefined();
  });

  it('skips base64 that is not an image and images larger than the limit', async () => {
    const image = await pngBase64(payload);
    expect(await locateQr({ qrCode: Buffer.from('x'.repeat(200)).toString('base64') })).toBeUndefined();
    expect(await locateQr({ qrCode: image }, { maxImageChars: image.length - 1 })).toBeUndefined();
  });
});

describe('jsonStrings walks any answer without recursion, within limits', () => {
  it('survives 100,000-deep nesting and stops at maxDepth', () => {
    let deep: unknown = payload;
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    expect(jsonStrings(deep)).toEqual([]);
    expect(jsonStrings({ a: { b: 'x' } }, { maxDepth: 1 })).toEqual([]);
    expect(jsonStrings({ a: { b: 'x' } }, { maxDepth: 2 })).toEqual([{ path: '$.a.b', value: 'x' }]);
  });

  it('visits at most maxNodes values, breadth first', () => {
    const wide = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`]));
    expect(jsonStrings(wide, { maxNodes: 11 }).map((s) => s.value)).toEqual(
      Array.from({ length: 10 }, (_, i) => `v${i}`),
    );
    expect(jsonStrings({ deep: { a: 'second' }, top: 'first' }).map((s) => s.value)).toEqual([
      'first',
      'second',
    ]);
  });
});

describe('isEmvQrPayload', () => {
  it.each([
    { given: 'the spec example', text: payload, want: true },
    { given: 'a bad CRC', text: badCrc, want: false },
    { given: 'no tag 00 first', text: payload.slice(6), want: false },
    { given: 'empty', text: '', want: false },
  ])('$given → $want', ({ text, want }) => {
    expect(isEmvQrPayload(text)).toBe(want);
  });
});
