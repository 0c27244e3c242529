import { describe, expect, it } from 'vitest';
import { createLogger, lineRedactor, REDACT_KEYS, silentLogger } from '../../src/index.js';

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
    // Any depth and any letter case, unlike pino's path redaction.
    {
      given: { a: { b: { c: { d: { Authorization: 'Bearer t' } } } } },
      path: ['a', 'b', 'c', 'd', 'Authorization'],
    },
    { given: { list: [{ ACCESS_TOKEN: 't' }] }, path: ['list', '0', 'ACCESS_TOKEN'] },
    { given: { secret: { nested: 'value' } }, path: ['secret'] },
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

  it("redacts a credential in a child logger's bindings", () => {
    const { logger, lines } = capture();
    logger.child({ token: 'tok-in-bindings' }).info('x');
    expect(lines[0]).toMatchObject({ token: '[REDACTED]', msg: 'x' });
  });

  it('accepts extra member names', () => {
    const lines: string[] = [];
    const logger = createLogger({ redactKeys: ['pan'] }, { write: (l: string) => void lines.push(l) });
    logger.info({ card: { PAN: '4111111111111111', brand: 'visa' } });
    expect(JSON.parse(lines[0]!)).toMatchObject({ card: { PAN: '[REDACTED]', brand: 'visa' } });
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
    expect(REDACT_KEYS).toContain('client_secret');
    expect(silentLogger().level).toBe('silent');
  });
});

describe('lineRedactor', () => {
  const redact = lineRedactor(['authorization', 'access_token']);
  const cases = [
    { given: '{"msg":"plain","rrn":"1"}\n', want: '{"msg":"plain","rrn":"1"}\n' },
    {
      given: '{"req":{"headers":{"Authorization":"Bearer t"}}}\n',
      want: '{"req":{"headers":{"Authorization":"[REDACTED]"}}}\n',
    },
    { given: '{"a":[{"access_token":{"x":1}}]}\n', want: '{"a":[{"access_token":"[REDACTED]"}]}\n' },
    // The name inside a string value is not a member: the line is left as it is.
    {
      given: '{"msg":"header \\"authorization\\": was missing"}\n',
      want: '{"msg":"header \\"authorization\\": was missing"}\n',
    },
    {
      given: '"authorization": not json\n',
      want: '{"msg":"log line withheld: it names a credential and could not be redacted"}\n',
    },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(redact(given)).toBe(want);
  });

  it('withholds what lies deeper than 64 levels instead of passing it unread', () => {
    let deep: unknown = { access_token: 't', note: 'x' };
    for (let i = 0; i < 70; i++) deep = { d: deep };
    const line = redact(`${JSON.stringify({ authorization: 'a', deep })}\n`);
    expect(line).not.toContain('"t"');
    expect(line).toContain('"authorization":"[REDACTED]"');
  });

  it('with no names, every line passes unchanged', () => {
    expect(lineRedactor([])('{"authorization":"x"}')).toBe('{"authorization":"x"}');
  });
});
