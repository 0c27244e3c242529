import { describe, expect, it } from 'vitest';
import { EMVQR_ERROR_CODES, EmvQrBuildError, EmvQrError, EmvQrParseError } from '../src/index.js';

describe('errors', () => {
  it('carry code, offset, tag, rule and every problem; JSON keeps them', () => {
    const first = {
      code: 'INVALID_VALUE' as const,
      offset: 45,
      tag: '52',
      rule: '4 digits',
      message: 'tag 52 must be 4 digits',
    };
    const second = { code: 'CRC_MISMATCH' as const, offset: 99, tag: '63', message: 'CRC differs' };
    const error = new EmvQrBuildError(first, [first, second]);
    expect(error).toBeInstanceOf(EmvQrError);
    expect(error.name).toBe('EmvQrBuildError');
    expect(error.message).toBe('INVALID_VALUE at offset 45: tag 52 must be 4 digits');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'EmvQrBuildError',
      code: 'INVALID_VALUE',
      offset: 45,
      tag: '52',
      rule: '4 digits',
      message: error.message,
      problems: [first, second],
    });
    expect(new EmvQrParseError(second).problems).toEqual([second]);
  });

  it('codes are unique and stable strings', () => {
    expect(new Set(EMVQR_ERROR_CODES).size).toBe(EMVQR_ERROR_CODES.length);
    for (const code of EMVQR_ERROR_CODES) expect(code).toMatch(/^[A-Z_]+$/);
  });
});
