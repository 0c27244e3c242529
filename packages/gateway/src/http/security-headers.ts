import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Headers a browser may send cross-origin, and the ones its script may read back. */
const ALLOWED_HEADERS = ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'];
const EXPOSED_HEADERS = ['X-Request-Id', 'Location', 'Idempotent-Replayed', 'Retry-After'];

/**
 * helmet with what fits a JSON/image API (no HTML is served): a CSP that allows nothing (an SVG opened
 * directly cannot run script), nosniff, no framing, no referrer, HSTS for when TLS ends in front of
 * it. Answers under /v1 carry QR payloads or payer data, so none is stored by a browser or proxy
 * (`Cache-Control: no-store`). CORS only for the origins in GATEWAY_CORS_ORIGINS; with none, no CORS
 * header is sent and a browser on another origin cannot read an answer.
 */
export function securityHeaders(corsOrigins: readonly string[]): RequestHandler[] {
  const handlers: RequestHandler[] = [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      // Named origins may embed the images; otherwise only this origin.
      crossOriginResourcePolicy: { policy: corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
    }) as RequestHandler,
    (req, res, next) => {
      if (req.path.startsWith('/v1/')) res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
  if (corsOrigins.length > 0) {
    handlers.push(
      cors({
        origin: [...corsOrigins],
        methods: ['GET', 'POST'],
        allowedHeaders: ALLOWED_HEADERS,
        exposedHeaders: EXPOSED_HEADERS,
        maxAge: 600,
      }) as RequestHandler,
    );
  }
  return handlers;
}
