import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs the `chromium` package when it is missing); never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, and nothing the browser would fetch on its own (updates, sync, field trials). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots for people to look at (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does it)`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function screenshotPath(name: string): string {
  return `${SCREENSHOTS}${name}.png`;
}

/**
 * Records every request of the context that would go anywhere but the gateway on 127.0.0.1 and
 * aborts it, so the list holds what would have left the machine. Requests a page's CSP blocks never
 * get this far.
 */
export async function recordOutsideRequests(context: BrowserContext, gatewayUrl: string): Promise<string[]> {
  const outside: string[] = [];
  const origin = new URL(gatewayUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  return outside;
}
