import { describe, expect, it } from 'vitest';
import { hangingFetch, notJsonFetch, recordingFetch, refusedFetch } from '../src/index.js';

describe('recordingFetch', () => {
  it.each([
    { given: { method: 'POST', body: '{"a":1}' }, want: { a: 1 } },
    { given: { method: 'GET', body: undefined }, want: {} },
  ])(
    'answers the given status and JSON, and records a $given.method with body $want',
    async ({ given, want }) => {
      const up = recordingFetch(201, { ok: true });
      const res = await up.fetch('http://127.0.0.1:1/path?q=1', {
        method: given.method,
        headers: { 'x-one': '1' },
        body: given.body,
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ ok: true });
      expect(up.requests).toHaveLength(1);
      const [sent] = up.requests;
      expect([sent?.url, sent?.method, sent?.headers.get('x-one'), sent?.body]).toEqual([
        'http://127.0.0.1:1/path?q=1',
        given.method,
        '1',
        want,
      ]);
    },
  );
});

describe('the failing fetches', () => {
  it('hangingFetch rejects with the reason its signal is aborted with, and not before', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    let settled = false;
    const pending = hangingFetch('http://127.0.0.1:1/', { signal: controller.signal }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('refusedFetch fails as a refused connection; notJsonFetch answers 200 with HTML', async () => {
    await expect(refusedFetch('http://127.0.0.1:1/')).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
    const res = await notJsonFetch('http://127.0.0.1:1/');
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toBeInstanceOf(SyntaxError);
  });
});
