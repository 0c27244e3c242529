import { describe, expect, it } from 'vitest';
import { createLogger, REDACT_PATHS, silentLogger } from '../../src/index.js';

function capture(level = 'trace') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createLogger redacts credentials', () => {
  it.each([
    { given: { headers: { authorization: 'Bearer t' } }, path: ['headers', 'authorization'] },
    { given: { headers: { 'x-ibm-client-id': 'cid' } }, path: ['headers', 'x-ibm-client-id'] },
    { given: { req: { headers: { authorization: 'Bearer t' } } }, path: ['req', 'headers', 'authorization'] },
    {
      given: { request: { headers: { authorization: 'Bearer t' } } },
      path: ['request', 'headers', 'authorization'],
    },
    { given: { client_secret: 's' }, path: ['client_secret'] },
    { given: { form: { client_secret: 's' } }, path: ['form', 'client_secret'] },
    { given: { body: { data: { access_token: 't' } } }, path: ['body', 'data', 'access_token'] },
    { given: { authorization: 'Bearer t' }, path: ['authorization'] },
  ])('$path', ({ given, path }) => {
    const { logger, lines } = capture();
    logger.info(given, 'event');
    const value = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], lines[0]);
    expect(value).toBe('[REDACTED]');
  });

  it('child loggers keep redaction and add their bindings', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'onelink-client' }).warn({ headers: { authorization: 'Bearer t' } }, 'x');
    expect(lines[0]).toMatchObject({
      component: 'onelink-client',
      headers: { authorization: '[REDACTED]' },
      name: 'onelink',
    });
  });

  it('accepts extra redact paths', () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger(
      { redact: ['card.pan'] },
      { write: (l: string) => void lines.push(JSON.parse(l)) },
    );
    logger.info({ card: { pan: '4111111111111111' } });
    expect(lines[0]).toMatchObject({ card: { pan: '[REDACTED]' } });
  });

  it('leaves ordinary fields alone', () => {
    const { logger, lines } = capture();
    logger.info({ rrn: '633010123456', status: 200 }, 'ok');
    expect(lines[0]).toMatchObject({ rrn: '633010123456', status: 200, msg: 'ok' });
  });

  it('exports its paths and a silent logger', () => {
    expect(REDACT_PATHS).toContain('*.client_secret');
    expect(silentLogger().level).toBe('silent');
  });
});
