import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenApiAjv, HTTP_METHODS, OPENAPI_FORMATS } from '../../src/index.js';

describe('createOpenApiAjv: the one Ajv setup for spec schemas', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    { given: { type: 'string', format: 'date-time' }, value: '2026-11-22T10:15:00Z', want: true },
    { given: { type: 'string', format: 'date-time' }, value: 'yesterday', want: false },
    { given: { type: 'string', format: 'byte' }, value: 'not base64!', want: false },
    { given: { type: 'string', format: 'password' }, value: 'anything', want: true },
    { given: { type: 'integer', format: 'int32' }, value: 2 ** 31, want: false },
    { given: { type: 'string', example: 'x', 'x-onelink-note': 'annotation' }, value: 'y', want: true },
  ])('$given with $value → $want', ({ given, value, want }) => {
    expect(createOpenApiAjv().validate(given, value)).toBe(want);
  });

  it('reports every error, not just the first', () => {
    const ajv = createOpenApiAjv();
    const check = ajv.compile({ type: 'object', required: ['a', 'b'] });
    expect(check({})).toBe(false);
    expect(check.errors?.map((e) => e.params)).toEqual([{ missingProperty: 'a' }, { missingProperty: 'b' }]);
  });

  it('knows every OpenAPI format name and never writes to console', () => {
    const spies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m));
    const ajv = createOpenApiAjv();
    for (const format of OPENAPI_FORMATS) expect(ajv.formats).toHaveProperty(format);
    ajv.compile({ type: 'string', format: 'made-up' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('checks schemas against the meta-schema only when asked', () => {
    const broken = { type: 'no-such-type' };
    expect(() => createOpenApiAjv().compile(broken)).toThrow();
    expect(() => createOpenApiAjv({ validateSchema: true }).addSchema(broken, 'x')).toThrow(
      /schema is invalid/,
    );
    expect(() => createOpenApiAjv().addSchema(broken, 'x')).not.toThrow();
  });
});

describe('HTTP_METHODS', () => {
  it('lists the operation keys of an OpenAPI path item', () => {
    expect(HTTP_METHODS).toEqual(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  });
});
