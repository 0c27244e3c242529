import { document } from '@onelink-kit/generated/gateway';
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

/**
 * express-openapi-validator over the generated gateway document (bundled: the 1LINK schemas it
 * $refs are already inside). Built once per app; each route's request and response validators are
 * compiled on first use and cached by the library, never per request.
 */
export function openApiValidator(): RequestHandler[] {
  return OpenApiValidator.middleware({
    // The library annotates the document it is given; hand it a private copy of the frozen one.
    apiSpec: structuredClone(document) as unknown as string,
    validateApiSpec: true,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: false, allErrors: true },
    validateResponses: { allErrors: true },
    // API keys are checked by our own constant-time middleware before this one.
    validateSecurity: false,
    ignoreUndocumented: false,
  }) as unknown as RequestHandler[];
}
