import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { waitUntil } from '@onelink-kit/testkit';
import { inject } from 'vitest';

/** Left in the consumer project by the global setup once its `npm install` succeeded. */
export const INSTALLED_MARKER = '.installed';
/** Left instead when the install failed, holding npm's error. */
export const FAILED_MARKER = '.install-failed';

/**
 * The shared consumer project (every tarball installed), once the global setup's `npm install`,
 * which runs alongside the first test files, has finished. Throws npm's error if it failed.
 */
export function installedApp(timeoutMs = 300_000): Promise<string> {
  const { appDir } = inject('consumers');
  return waitUntil(
    "the consumer project's npm install",
    () => {
      const failed = path.join(appDir, FAILED_MARKER);
      if (existsSync(failed)) {
        throw new Error(`the consumer project's npm install failed:\n${readFileSync(failed, 'utf8')}`);
      }
      return existsSync(path.join(appDir, INSTALLED_MARKER)) ? appDir : undefined;
    },
    timeoutMs,
  );
}
