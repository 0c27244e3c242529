import type { RequestHandler } from 'express';

/**
 * The pages' Content-Security-Policy: scripts and styles only from this origin (no inline script,
 * no eval), images from this origin or the blob: URLs the console makes of key-protected QR images,
 * fetch only to this origin, nothing framed and no form posted elsewhere. helmet's API policy
 * (default-src 'none') is replaced on these routes only.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The API reference: the same, except that Redoc (React with styled-components) writes its styles
 * into <style> elements at run time, so styles may be inline; scripts still may not. Its search
 * index runs in a worker made from a blob: URL.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers of an HTML page; pages carry API keys or payer QRs, so nothing is cached. */
export function pageHeaders(csp: string = PAGE_CSP): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  };
}
