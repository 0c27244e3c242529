import { cpSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/**
 * Copies fixtures/<name> into a fresh folder inside `parent` (the shared consumer project, so its
 * node_modules is found) and returns the folder.
 */
export function copyFixture(name: string, parent: string): string {
  const dir = mkdtempSync(path.join(parent, `${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}
