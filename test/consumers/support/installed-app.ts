import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';

/** Left in the consumer project by the global setup once its `npm install` succeeded. */
export const INSTALLED_MARKER = '.installed';
/** Left instead when the install failed, holding npm's error. */
export const FAILED_MARKER = '.install-failed';

/**
 * The shared consumer project (every tarball installed), once the global setup's `npm install`,
 * which runs alongside the first test files, has finished. Throws npm's error if it failed.
 */
export async function installedApp(timeoutMs = 300_000): Promise<string> {
  const { appDir } = inject('consumers');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(path.join(appDir, INSTALLED_MARKER))) return appDir;
    const failed = path.join(appDir, FAILED_MARKER);
    if (existsSync(failed))
      throw new Error(`the consumer project's npm install failed:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > deadline)
      throw new Error(`the consumer project's npm install did not finish in ${timeoutMs} ms`);
    await sleep(100);
  }
}
