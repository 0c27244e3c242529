import { describe, expect, it } from 'vitest';
import { capAnswerSize, OneLinkAnswerTooLargeError } from '../../src/index.js';

/** A fetch that answers with the given text, streamed in chunks, without a network. */
function answering(text: string, init: ResponseInit = { status: 200 }, chunk = 1_000): typeof fetch {
  return async () => {
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      },
    });
    return new Response(stream, init);
  };
}

describe('capAnswerSize', () => {
  it.each([
    { given: 'short', want: 'short' },
    { given: 'x'.repeat(4_096), want: 'x'.repeat(4_096) },
  ])('an answer within the cap is handed on whole ($given.length bytes)', async ({ given, want }) => {
    const response = await capAnswerSize(answering(given), 4_096)('http://upstream.invalid/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(want);
  });

  it('an answer over the cap is refused unread, keeping its start with a note and no credentials', async () => {
    const body = JSON.stringify({
      responseCode: '96',
      access_token: 'tok-echoed-back-123456',
      responseDescription: 'y'.repeat(100_000),
    });
    const error = await capAnswerSize(
      answering(body, { status: 500 }),
      10_000,
    )('http://upstream.invalid/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAnswerTooLargeError);
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      status: 500,
      limitBytes: 10_000,
      note: expect.stringContaining('10000 bytes'),
    });
    expect(json.head.length).toBeLessThanOrEqual(2_048);
    expect(json.head).toContain('"responseCode":"96"');
    expect(json.head).not.toContain('tok-echoed-back');
  });

  it('a declared Content-Length over the cap is refused after the first chunk', async () => {
    const inner: typeof fetch = async () =>
      new Response('{"a":1}', { status: 200, headers: { 'content-length': '99999999' } });
    await expect(capAnswerSize(inner, 100)('http://upstream.invalid/')).rejects.toBeInstanceOf(
      OneLinkAnswerTooLargeError,
    );
  });

  it('an answer whose declared Content-Length is within the cap is handed on unread, not copied', async () => {
    const original = new Response('{"a":1}', { status: 200, headers: { 'content-length': '7' } });
    const response = await capAnswerSize(async () => original, 100)('http://upstream.invalid/');
    expect(response).toBe(original);
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('answers without a body pass through', async () => {
    const inner: typeof fetch = async () => new Response(null, { status: 204 });
    expect((await capAnswerSize(inner, 10)('http://upstream.invalid/')).status).toBe(204);
  });
});
