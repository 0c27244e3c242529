import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  defaultLayout,
  fixturePath,
  linkPaymentsFixtures,
  loadFixtures,
  loadSpec,
  SIGNED_FIXTURE_TOOL,
  serializeFixture,
  snapFixtures,
} from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';

// The committed SNAP and Link Based Payments fixtures are exactly what the mock's synthetic-fixture
// generator builds (no hand edits), apart from specSha256, which goes stale by design when a spec is
// edited and is reported by `pnpm mock:check`. Regenerate with: pnpm mock:fixtures
const layout = defaultLayout();
const root = layout.repoRoot;
const spec = (file: string) => loadSpec(path.join(layout.specDir, file), root);
const built = [
  ...snapFixtures(spec('snap-card-binding.yaml')),
  ...linkPaymentsFixtures(spec('link-payments.yaml')),
].map((f) => ({
  ...f,
  file: path.relative(root, fixturePath(layout.fixturesDir, f.operationId, f.scenario)),
}));
const withoutHash = (text: string) => text.replace(/"specSha256": "[0-9a-f]{64}"/, '"specSha256": "-"');

describe('SNAP and Link Based Payments synthetic fixtures', () => {
  it.each(built.map((f) => ({ name: f.file, f })))('$name is what the builder makes', ({ f }) => {
    const committed = readFileSync(path.join(root, f.file), 'utf8');
    expect(withoutHash(committed)).toBe(withoutHash(serializeFixture(f.fixture)));
  });

  it('every committed fixture made by this builder is still built (none orphaned)', () => {
    const ours = loadFixtures(path.join(root, 'mock', 'fixtures')).filter(
      (f) => f.fixture.provenance.tool === SIGNED_FIXTURE_TOOL,
    );
    const builtFiles = new Set(built.map((f) => path.join(root, f.file)));
    expect(ours.map((f) => f.file).filter((file) => !builtFiles.has(file))).toEqual([]);
    expect(ours.length).toBe(built.length);
  });
});
