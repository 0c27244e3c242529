import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Response, Router } from 'express';

/**
 * The pages' own files (scripts, style sheet), shipped as they are. The path climbs to the package
 * root first, so it is the same from src/pages/ (sources) and dist/pages/ (built): both sit two
 * folders below it.
 */
export const ASSETS_DIR = fileURLToPath(new URL('../../src/pages/assets/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Only these names are served (no path from the URL ever reaches the file system). */
export const ASSET_FILES = [
  'pages.css',
  'console.js',
  'console-common.js',
  'console-list.js',
  'console-detail.js',
  'console-create.js',
  'pay.js',
  'docs.js',
  'format.js',
] as const;

/** Redoc's standalone bundle from the installed `redoc` package: no CDN, no font request. */
export function redocBundlePath(): string {
  return createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
}

/** assets/format.js: the formats shared by server-rendered pages and the scripts in the browser. */
export interface PageFormat {
  /** Whole rupees or the QR's decimal text → "Rs. 1,25,000.00". */
  formatPkr(amount: number | string): string;
  /** Milliseconds left → m:ss or h:mm:ss. */
  clock(ms: number): string;
  /** An instant → Pakistan time "yyyy-MM-dd HH:mm:ss". */
  pktTime(iso: string): string;
}

let format: Promise<PageFormat> | undefined;

/** Loads assets/format.js for server-rendered pages (one home for both sides). */
export function loadPageFormat(): Promise<PageFormat> {
  format ??= import(pathToFileURL(`${ASSETS_DIR}format.js`).href) as Promise<PageFormat>;
  return format;
}

const cache = new Map<string, Buffer>();

async function sendFile(res: Response, path: string, type: string): Promise<void> {
  let body = cache.get(path);
  if (body === undefined) {
    body = await readFile(path);
    cache.set(path, body);
  }
  // Revalidated on every load (no-cache), so a new release is picked up without a stale script.
  res.set('Cache-Control', 'no-cache').type(type).send(body);
}

export function assetsRoutes(): Router {
  const router = Router();
  for (const name of ASSET_FILES) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    router.get(`/pages/assets/${name}`, async (_req, res) => sendFile(res, `${ASSETS_DIR}${name}`, type));
  }
  router.get('/pages/assets/redoc.standalone.js', async (_req, res) =>
    sendFile(res, redocBundlePath(), TYPES['.js'] as string),
  );
  return router;
}
