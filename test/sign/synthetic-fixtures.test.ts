import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../scripts/mock/fixtures.js';
import { buildIssue7Fixtures, ISSUE7_FIXTURE_TOOL, serialize } from './synthetic-fixtures.js';

// The committed SNAP and Link Based Payments fixtures are exactly what test/sign/synthetic-fixtures.ts
// builds (no hand edits), apart from specSha256, which goes stale by design when a spec is edited and is
// reported by `pnpm mock:check`. Regenerate with: tsx test/sign/synthetic-fixtures.ts --write
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = buildIssue7Fixtures();
const withoutHash = (text: string) => text.replace(/"specSha256": "[0-9a-f]{64}"/, '"specSha256": "-"');

describe('issue-7 synthetic fixtures', () => {
  it.each(built.map((f) => ({ name: f.file, f })))('$name is what the builder makes', ({ f }) => {
    const committed = readFileSync(path.join(root, f.file), 'utf8');
    expect(withoutHash(committed)).toBe(withoutHash(serialize(f.fixture)));
  });

  it('every committed fixture made by this builder is still built (none orphaned)', () => {
    const ours = loadFixtures(path.join(root, 'mock', 'fixtures')).filter(
      (f) => f.fixture.provenance.tool === ISSUE7_FIXTURE_TOOL,
    );
    const builtFiles = new Set(built.map((f) => path.join(root, f.file)));
    expect(ours.map((f) => f.file).filter((file) => !builtFiles.has(file))).toEqual([]);
    expect(ours.length).toBe(built.length);
  });
});
