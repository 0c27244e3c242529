import { createLogger } from '@onelink-kit/core';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../src/index.js';

describe('captureLogs', () => {
  it("collects a pino logger's lines, so a test sees what was redacted", () => {
    const logs = captureLogs();
    const logger = createLogger({ level: 'info' }, logs.destination);
    logger.info({ headers: { authorization: 'Bearer secret-token-1' } }, 'calling 1LINK');
    logger.debug('below the level');
    expect(logs.lines).toHaveLength(1);
    expect(logs.entries()[0]).toMatchObject({ msg: 'calling 1LINK' });
    expect(logs.text()).not.toContain('secret-token-1');
    expect(logs.text()).toContain('[REDACTED]');
  });

  it('fails loudly on a line that is not JSON', () => {
    const logs = captureLogs();
    logs.destination.write('plain text\n');
    expect(logs.lines).toEqual(['plain text\n']);
    expect(() => logs.entries()).toThrow(SyntaxError);
  });
});
