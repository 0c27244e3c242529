import { document } from '@onelink-kit/generated/gateway';
import { Router } from 'express';
import { stringify } from 'yaml';
import { ASSETS_DIR, redocBundlePath } from './assets.js';
import { escapeHtml } from './html.js';
import { DOCS_CSP, pageHeaders } from './page-security.js';

export interface DocsPageOptions {
  title: string;
  /** Where redoc.standalone.js and docs.js are: `/pages/assets` on the gateway, relative in a static site. */
  assetBase: string;
  /** The document to load by URL (the gateway's /openapi.json) ... */
  specUrl?: string;
  /** ... or a script that sets `window.ONELINK_SPEC` (static pages opened from disk cannot fetch). */
  specScript?: string;
  /** A policy in a <meta> element, for static pages that no server sends headers for. */
  metaCsp?: string;
}

/**
 * The policy of the static pages of `pnpm docs`, opened from disk: their own files only (file: is
 * named because a file:// page has no origin for 'self' to match), so Redoc's CDN logo is never fetched.
 */
export const STATIC_DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self' file:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
].join('; ');

/** The files a docs page loads from its asset base, by name (for copying into a static site). */
export function docsAssetFiles(): Record<string, string> {
  return { 'redoc.standalone.js': redocBundlePath(), 'docs.js': `${ASSETS_DIR}docs.js` };
}

/**
 * An API reference page rendered in the browser by Redoc's standalone bundle. Classic deferred
 * scripts only (no inline script, and module scripts would not load from file://), run in order.
 */
export function docsHtml(options: DocsPageOptions): string {
  const spec =
    options.specScript === undefined
      ? ''
      : `<script defer src="${escapeHtml(options.specScript)}"></script>\n`;
  const url = options.specUrl === undefined ? '' : ` data-spec-url="${escapeHtml(options.specUrl)}"`;
  const base = escapeHtml(options.assetBase);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.metaCsp === undefined ? '' : `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(options.metaCsp)}">\n`}<title>${escapeHtml(options.title)}</title>
<script defer src="${base}/redoc.standalone.js"></script>
${spec}<script defer src="${base}/docs.js"></script>
</head>
<body>
<noscript>The API reference needs JavaScript; the document itself is at <a href="/openapi.yaml">/openapi.yaml</a>.</noscript>
<div id="redoc"${url}></div>
</body>
</html>
`;
}

// The document as YAML, made on the first request for it: writing it out took ~60 ms of every start
// (and of every app a test builds), for a page few callers open.
let yaml: string | undefined;

/** `/docs` and the gateway's OpenAPI document (the bundled one the validator enforces), no key. */
export function docsRoutes(): Router {
  const router = Router();
  const page = docsHtml({
    title: `${document.info.title} — API reference`,
    assetBase: '/pages/assets',
    specUrl: '/openapi.json',
  });
  router.get('/docs', pageHeaders(DOCS_CSP), (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(document);
  });
  router.get('/openapi.yaml', (_req, res) => {
    yaml ??= stringify(document, { lineWidth: 0 });
    res.set('Cache-Control', 'no-cache').type('application/yaml; charset=utf-8').send(yaml);
  });
  return router;
}
