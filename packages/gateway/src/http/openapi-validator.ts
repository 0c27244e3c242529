import { document } from '@onelink-kit/generated/gateway';
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

// The document and the options are constants, so every app a process builds (a test file builds
// dozens; an embedding service may build several) shares one validator and compiles each route's
// schemas once: per app it cost ~50–100 ms of Ajv compiling, ~8 s of CPU over the gateway's tests.
// The library copies its parsed path parameters into the first app's req.params only; with
// coerceTypes off they are the same strings Express parsed, so later apps read the same ids.
let shared: RequestHandler[] | undefined;

/**
 * express-openapi-validator over the generated gateway document (bundled: the 1LINK schemas it
 * $refs are already inside). Built once per process; each route's request and response validators
 * are compiled on first use and cached by the library, never per request.
 */
export function openApiValidator(): RequestHandler[] {
  shared ??= OpenApiValidator.middleware({
    // The library annotates the document it is given; hand it a private copy of the frozen one.
    apiSpec: structuredClone(document) as unknown as string,
    validateApiSpec: true,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: false, allErrors: true },
    validateResponses: { allErrors: true },
    // API keys are checked by our own constant-time middleware before this one.
    validateSecurity: false,
    ignoreUndocumented: false,
  }) as unknown as RequestHandler[];
  return shared;
}
