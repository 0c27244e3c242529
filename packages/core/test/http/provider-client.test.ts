import { describe, expect, it } from 'vitest';
import { callCodedUpstream, createLogger, providerDefaults, ResponseCodeTable } from '../../src/index.js';

// A provider table in the spec's shape: OK00 success, BAD1 validation, and HTTP 503 as transient.
const table = new ResponseCodeTable([
  { code: 'OK00', description: 'done', kind: 'success', retryable: false, httpStatus: 200 },
  { code: 'BAD1', description: 'bad field', kind: 'validation', retryable: false, httpStatus: 400 },
  { code: 'BUSY', description: 'busy', kind: 'transient', retryable: true, httpStatus: 503 },
]);
const fields = { code: 'code', description: ['message'] };
const notJson = () => new Error('not JSON');

describe('callCodedUpstream reads the code of the body the answer carried', () => {
  it.each([
    {
      given: { status: 200, data: { code: 'OK00', message: 'done' }, error: undefined },
      want: { kind: 'success', code: 'OK00', description: 'done', retryable: false, data: true },
    },
    {
      given: { status: 200, data: { code: 'BAD1', message: 'bad field' }, error: undefined },
      want: { kind: 'validation', code: 'BAD1', description: 'bad field', retryable: false, data: true },
    },
    {
      given: { status: 503, data: undefined, error: { message: 'try later' } },
      want: { kind: 'transient', code: undefined, description: 'try later', retryable: true, data: false },
    },
  ])('HTTP $given.status with $given.data.code → $want.kind', async ({ given, want }) => {
    const response = new Response(null, { status: given.status });
    const got = await callCodedUpstream(async () => ({ data: given.data, error: given.error, response }), {
      timeoutMs: 1_000,
      call: {},
      notJson,
      table,
      fields,
    });
    const { data, ...answer } = want;
    expect(got.response).toBe(response);
    expect(got.data).toEqual(data ? given.data : undefined);
    expect(got.answer).toMatchObject(answer);
  });

  it("passes the caller's signal to the attempt and rejects with the caller's reason", async () => {
    const caller = new AbortController();
    const reason = new Error('the caller stopped');
    const pending = callCodedUpstream(
      (signal) =>
        new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
      { timeoutMs: 60_000, call: { signal: caller.signal }, notJson, table, fields },
    );
    caller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('a 2xx body that is not JSON is the error notJson builds', async () => {
    const call = callCodedUpstream(() => Promise.reject(new SyntaxError('Unexpected token')), {
      timeoutMs: 1_000,
      call: {},
      notJson,
      table,
      fields,
    });
    await expect(call).rejects.toThrow('not JSON');
  });
});

describe('providerDefaults', () => {
  it('fills in global fetch, a real clock and 30 s when the options leave them out', () => {
    const got = providerDefaults({ baseUrl: 'http://127.0.0.1:1' }, 'x-client');
    expect(got.fetch).toBe(globalThis.fetch);
    expect(got.timeoutMs).toBe(30_000);
    expect(Math.abs(got.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it("keeps the caller's own, and names the component on each log line", () => {
    const lines: string[] = [];
    const fetch = async () => new Response();
    const now = () => new Date(0);
    const logger = createLogger({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const got = providerDefaults({ baseUrl: 'http://x', fetch, now, timeoutMs: 5, logger }, 'x-client');
    expect([got.fetch, got.now, got.timeoutMs]).toEqual([fetch, now, 5]);
    got.log.info('hello');
    expect(JSON.parse(lines[0]!)).toMatchObject({ component: 'x-client', msg: 'hello' });
  });
});
