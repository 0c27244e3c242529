import { describe, expect, it } from 'vitest';
import { BufferedResponse, capAnswerSize, OneLinkAnswerTooLargeError } from '../../src/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const answer = (
  text: string | null,
  status = 200,
  headers = new Headers({ 'content-type': 'application/json' }),
) => new BufferedResponse(text === null ? null : bytes(text), { status, statusText: 'S', headers });

/** What the platform's Response gives for the same answer, read the same way. */
async function platform(text: string | null, status: number, read: (r: Response) => Promise<unknown>) {
  return read(new Response(text === null ? null : bytes(text), { status, statusText: 'S' }));
}

describe('BufferedResponse', () => {
  it.each([
    { given: { text: '{"qrString":"000201"}', status: 200 }, read: (r: Response) => r.json() },
    { given: { text: 'plain answer', status: 502 }, read: (r: Response) => r.text() },
    { given: { text: '\uFEFF{"a":1}', status: 200 }, read: (r: Response) => r.text() },
    { given: { text: 'rupee ₨ and bad \uD800 half', status: 200 }, read: (r: Response) => r.text() },
    { given: { text: '', status: 200 }, read: (r: Response) => r.text() },
    { given: { text: null, status: 204 }, read: (r: Response) => r.text() },
    {
      given: { text: 'abc', status: 200 },
      read: async (r: Response) => [...new Uint8Array(await r.arrayBuffer())],
    },
  ])('reads as the platform Response does: $given.status $given.text', async ({ given, read }) => {
    const want = await platform(given.text, given.status, read);
    expect(await read(answer(given.text, given.status))).toEqual(want);
  });

  it.each([
    { given: 199, want: false },
    { given: 200, want: true },
    { given: 299, want: true },
    { given: 300, want: false },
    { given: 503, want: false },
  ])('ok for status $given is $want', ({ given, want }) => {
    expect(answer('x', given).ok).toBe(want);
  });

  it('keeps the status, text and headers it was given, and the body length', async () => {
    const response = answer('{"a":1}', 201, new Headers({ 'x-global-transaction-id': 'g-1' }));
    expect([response.status, response.statusText, response.headers.get('x-global-transaction-id')]).toEqual([
      201,
      'S',
      'g-1',
    ]);
    expect(response.byteLength).toBe(7);
    await expect(answer('abc').bytes()).resolves.toEqual(new Uint8Array([97, 98, 99]));
    expect(answer(null, 204).byteLength).toBe(0);
  });

  it('is read once, as the platform Response is', async () => {
    const response = answer('{"a":1}');
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it('hands out a platform Response for the rest, and then reads through it', async () => {
    const response = answer('{"a":1}');
    const stream = response.body;
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(await response.clone().json()).toEqual({ a: 1 });
    expect(await response.text()).toBe('{"a":1}');
    expect(response.bodyUsed).toBe(true);
  });

  it('passes the size cap unread within the limit, and is refused with its start over it', async () => {
    const within = answer('{"responseCode":"00"}');
    expect(await capAnswerSize(async () => within, 100)('http://upstream.invalid/')).toBe(within);
    expect(within.bodyUsed).toBe(false);
    const over = answer(
      JSON.stringify({ responseCode: '96', access_token: 'tok-1234567', pad: 'y'.repeat(500) }),
    );
    const error = await capAnswerSize(
      async () => over,
      100,
    )('http://upstream.invalid/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAnswerTooLargeError);
    const head = JSON.parse(JSON.stringify(error)).head as string;
    expect(head).toContain('"responseCode":"96"');
    expect(head).not.toContain('tok-1234567');
  });
});
