import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createGatewayLogger } from '../src/logger.js';

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
