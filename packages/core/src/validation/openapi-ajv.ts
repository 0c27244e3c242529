import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Logger } from 'pino';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

/** OpenAPI's own format names: annotations only, accepted as-is. */
export const OPENAPI_FORMATS: readonly string[] = [
  'int32',
  'int64',
  'float',
  'double',
  'byte',
  'binary',
  'password',
];

export interface OpenApiAjvOptions {
  /**
   * Where Ajv's own warnings go (e.g. a format name no one registered). Default: nowhere. Ajv never
   * writes to console: library code does not use console.
   */
  logger?: Logger | undefined;
  /** Check schemas against the meta-schema. Default false: whole spec documents are added as schemas. */
  validateSchema?: boolean | undefined;
}

/**
 * The one Ajv configuration for spec documents: JSON Schema 2020-12 (OpenAPI 3.1), ajv-formats plus
 * OpenAPI's format names, every error reported, and warnings to a pino logger or nowhere. Request
 * validation here and the mock's fixture validation both build on it.
 */
export function createOpenApiAjv(options: OpenApiAjvOptions = {}): Ajv2020 {
  const log = options.logger?.child({ component: 'openapi-ajv' });
  const ajv = new Ajv2020({
    allErrors: true,
    // strict: false because OpenAPI schemas carry annotations Ajv does not know (x-onelink-*, example).
    strict: false,
    validateSchema: options.validateSchema ?? false,
    validateFormats: true,
    logger: log
      ? {
          log: (...args: unknown[]) => log.debug(args.map(String).join(' ')),
          warn: (...args: unknown[]) => log.warn(args.map(String).join(' ')),
          error: (...args: unknown[]) => log.error(args.map(String).join(' ')),
        }
      : false,
  });
  addFormats(ajv);
  // ajv-formats 3 checks some of these (byte is base64, int32 in range): keep its checks, and accept
  // the rest as annotations, so no OpenAPI format name is ever "unknown".
  for (const f of OPENAPI_FORMATS) if (!(f in ajv.formats)) ajv.addFormat(f, true);
  return ajv;
}
