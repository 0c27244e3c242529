import { describe, expect, it } from 'vitest';
import { recordingFetch } from '../src/index.js';

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
