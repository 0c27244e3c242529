// pnpm exec tsx scripts/make-fixtures.ts [--check] — (re)writes the synthetic fixtures in mock/fixtures.
// A fixture recorded from the sandbox (provenance.source "sandbox") is never overwritten.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath, serializeFixture, writeFixture } from './mock/fixtures.js';
import { defaultLayout } from './mock/mock-servers.js';
import { loadSpec } from './mock/spec-catalog.js';
import { syntheticFixtures } from './mock/synthetic-fixtures.js';

const check = process.argv.includes('--check');
const layout = defaultLayout();
const spec = loadSpec(path.join(layout.specDir, '1link-p2m-qr.yaml'), layout.repoRoot);
let stale = 0;
for (const { operationId, scenario, fixture } of syntheticFixtures(spec)) {
  const file = fixturePath(layout.fixturesDir, operationId, scenario);
  const rel = path.relative(layout.repoRoot, file);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (
    existing &&
    (JSON.parse(existing) as { provenance?: { source?: string } }).provenance?.source === 'sandbox'
  ) {
    console.log(`keep   ${rel} (recorded from the sandbox)`);
    continue;
  }
  if (existing === serializeFixture(fixture)) continue;
  stale++;
  if (check) console.log(`stale  ${rel}`);
  else {
    writeFixture(layout.fixturesDir, operationId, scenario, fixture);
    console.log(`wrote  ${rel}`);
  }
}
if (check && stale > 0) process.exit(1);
console.log(
  stale === 0
    ? 'synthetic fixtures are up to date'
    : `${stale} synthetic fixture(s) ${check ? 'stale' : 'written'}`,
);
