import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureLogs } from '@onelink-kit/testkit';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestLog } from '../../src/http/request-log.js';
import { createGatewayLogger } from '../../src/logger.js';

// The request log on a small app: one line per request, the shape pino-http wrote before it
// (requestId, req, res, err, responseTime, message), levels by status, warm-up requests silent.
const logs = captureLogs();
let server: Server;
let url: string;
let reached: Promise<void>;
let markReached: () => void;
let aborted: Promise<void>;
let markAborted: () => void;

beforeAll(async () => {
  const app = express();
  app.use(requestLog(createGatewayLogger('info', logs.destination)));
  app.get('/ok', (req, res) => {
    req.log.info('handled');
    res.json({ id: req.id });
  });
  app.get('/missing', (_req, res) => {
    res.status(404).json({});
  });
  app.get('/fails', (_req, res) => {
    res.status(503).json({});
  });
  app.get('/warmup', (_req, res) => {
    res.locals.caller = 'warmup';
    res.json({});
  });
  // Never answers: the client goes away first.
  app.get('/hangs', (_req, res) => {
    res.on('close', () => markAborted());
    markReached();
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  logs.lines.length = 0;
  reached = new Promise((resolve) => {
    markReached = resolve;
  });
  aborted = new Promise((resolve) => {
    markAborted = resolve;
  });
});

/** The request's lines once its answer is in (the line is written as the answer finishes). */
async function linesOf(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, { headers });
  await res.text();
  await new Promise((resolve) => setImmediate(resolve));
  return { res, lines: logs.entries() };
}

describe('requestLog', () => {
  const cases = [
    { given: '/ok', want: { level: 30, status: 200, msg: 'request completed' } },
    { given: '/missing', want: { level: 40, status: 404, msg: 'request completed' } },
    { given: '/fails', want: { level: 50, status: 503, msg: 'request errored' } },
  ];
  it.each(cases)('$given → level $want.level, $want.msg', async ({ given, want }) => {
    const { res, lines } = await linesOf(given, { 'X-Request-Id': 'trace-1' });
    expect(res.headers.get('x-request-id')).toBe('trace-1');
    const line = lines.find((l) => String(l.msg).startsWith('request '));
    expect(line).toMatchObject({
      level: want.level,
      requestId: 'trace-1',
      req: { id: 'trace-1', method: 'GET', url: given },
      res: { statusCode: want.status },
      msg: want.msg,
    });
    expect(typeof line?.responseTime).toBe('number');
    // An errored answer says why; others carry no err.
    if (want.level === 50) expect(line?.err).toMatchObject({ message: 'failed with status code 503' });
    else expect(line).not.toHaveProperty('err');
    // Members in the order pino-http wrote them.
    expect(Object.keys(line ?? {}).slice(-5)).toEqual(
      want.level === 50
        ? ['req', 'res', 'err', 'responseTime', 'msg']
        : ['requestId', 'req', 'res', 'responseTime', 'msg'],
    );
  });

  it('binds req.log to the request id and redacts credentials in the logged URL', async () => {
    const { lines } = await linesOf('/ok?api_key=olk_secret&x=1', { 'X-Request-Id': 'trace-2' });
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['handled', 'trace-2'],
      ['request completed', 'trace-2'],
    ]);
    expect(lines[1]?.req).toEqual({ id: 'trace-2', method: 'GET', url: '/ok?api_key=[REDACTED]&x=1' });
    expect(logs.text()).not.toContain('olk_secret');
  });

  it('replaces an unsafe X-Request-Id with a fresh UUID', async () => {
    const { res, lines } = await linesOf('/ok', { 'X-Request-Id': 'bad id\twith spaces' });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lines.at(-1)?.requestId).toBe(id);
  });

  it('does not log warm-up requests', async () => {
    const { lines } = await linesOf('/warmup');
    expect(lines).toEqual([]);
  });

  it('logs a request whose client left before the answer as aborted, with no status', async () => {
    const req = httpRequest(`${url}/hangs`, { headers: { 'X-Request-Id': 'trace-3' } });
    req.on('error', () => {});
    req.end();
    // Gone once the server is handling the request.
    await reached;
    req.destroy();
    await aborted;
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs.entries()).toMatchObject([
      { level: 30, requestId: 'trace-3', res: { statusCode: null }, msg: 'request aborted' },
    ]);
  });
});
