import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneLinkExample } from '@onelink-kit/testkit';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/**
 * Copies fixtures/<name> into a fresh folder inside `parent` (the shared consumer project, so its
 * node_modules is found) and returns the folder. With `bodyModule` (a path in the copy ending .mjs or
 * .ts) it also writes the demo merchant's request there, which the fixture imports as `merchantBody`.
 */
export function copyFixture(name: string, parent: string, bodyModule?: string): string {
  const dir = mkdtempSync(path.join(parent, `${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  if (bodyModule !== undefined) writeMerchantBody(path.join(dir, bodyModule));
  return dir;
}

// The fixtures sit outside the workspace and cannot import the testkit, so the spec's example is
// written into each copy instead of kept by hand in every fixture: MerchantRequestMinimal without
// stan/rrn (the client allocates them), expiring at the mock fixtures' 22 Nov 2026 10:15 PKT.
function writeMerchantBody(file: string): void {
  const { info: _ids, ...body } = oneLinkExample('MerchantRequestMinimal');
  // TypeScript reads the literal's exact values (transactionType 'P2M', not string) only `as const`.
  const typed = file.endsWith('.ts') ? ' as const' : '';
  writeFileSync(
    file,
    `// Written by test/consumers/support/scratch.ts from spec/1link-p2m-qr.yaml's MerchantRequestMinimal.\n` +
      `export const merchantBody = ${JSON.stringify(body, null, 2)}${typed};\n`,
  );
}
