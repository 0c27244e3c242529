import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  type FakeOneLink,
  gatewayListeningUrl,
  type RunningProcess,
  startFakeOneLink,
} from '@onelink-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayLogger } from '../src/logger.js';
import { API_KEY, merchantRequest } from './support/gateway-harness.js';
import { fakeUpstreamEnv, spawnGateway } from './support/gateway-process.js';

const KEY = 'olk_secret-key-value-0123456789';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('createGatewayLogger redaction', () => {
  // Shapes a careless log call could take; none may print the key.
  const cases = [
    { given: { req: { headers: { 'x-api-key': KEY } } }, want: 'req.headers.x-api-key' },
    { given: { req: { headers: { authorization: `Bearer ${KEY}` } } }, want: 'req.headers.authorization' },
    { given: { headers: { 'x-api-key': KEY } }, want: 'headers.x-api-key' },
    { given: { apiKey: KEY }, want: 'apiKey' },
    { given: { caller: { apiKey: KEY } }, want: 'caller.apiKey' },
  ];
  it.each(cases)('hides $want', ({ given }) => {
    const { lines, stream } = capture();
    createGatewayLogger('info', stream).info(given, 'call');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(KEY);
    expect(lines[0]).toContain('[REDACTED]');
  });

  it('keeps what is not a credential and honours the level', () => {
    const { lines, stream } = capture();
    const logger = createGatewayLogger('warn', stream);
    logger.info({ rrn: '263260000001' }, 'below the level');
    logger.warn({ rrn: '263260000001' }, 'kept');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      rrn: '263260000001',
      msg: 'kept',
      name: 'onelink-gateway',
    });
  });
});

describe('the process writes its log to stdout within LOG_FLUSH_MS, and all of it on a graceful stop', () => {
  let fake: FakeOneLink;
  let dir: string;
  const children: RunningProcess[] = [];
  beforeAll(async () => {
    fake = await startFakeOneLink();
    dir = mkdtempSync(join(tmpdir(), 'gateway-log-'));
  });
  afterAll(async () => {
    for (const child of children) await child.stop('SIGKILL');
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function gatewayWithOneCreate(flushMs: string, name: string) {
    const child = spawnGateway({
      ...fakeUpstreamEnv(fake, join(dir, `${name}.sqlite`), 'log-client'),
      LOG_FLUSH_MS: flushMs,
    });
    children.push(child);
    const url = await gatewayListeningUrl(child);
    const answer = await fetch(`${url}/v1/qr/merchant`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(merchantRequest),
    });
    expect(answer.status).toBe(201);
    return child;
  }
  // The create's own line (the process serves only this one request on that path).
  const requestLine = (output: string) =>
    output
      .split('\n')
      .find(
        (line) =>
          line.includes('"url":"/v1/qr/merchant"') &&
          line.includes('"statusCode":201') &&
          line.includes('"msg":"request completed"'),
      );

  it('a running gateway has written the request line within the flush time (50 ms)', async () => {
    const child = await gatewayWithOneCreate('50', 'running');
    const line = await child.waitFor('the request line', (output) => requestLine(output), 5_000);
    expect(line).toContain('"level":30');
    expect(child.proc.exitCode).toBeNull();
  });

  it('a graceful stop writes every buffered line before the process exits (1,000 ms)', async () => {
    const child = await gatewayWithOneCreate('1000', 'stopped');
    expect(await child.stop('SIGTERM')).toBe(0);
    expect(requestLine(child.output())).toBeDefined();
    expect(child.output()).toContain('"msg":"gateway stopped"');
  });
});
