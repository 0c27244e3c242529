import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath, serializeFixture, writeFixture } from '../fixtures.js';
import type { MockLayout } from '../mock-servers.js';
import { loadSpec, type SpecEntry } from '../spec-catalog.js';
import type { SyntheticFixture } from './common.js';
import { linkPaymentsFixtures } from './link-payments.js';
import { oneLinkQrFixtures } from './onelink-qr.js';
import { snapFixtures } from './snap.js';

/** Which builder makes the synthetic fixtures of which spec (file name in spec/). */
export const SYNTHETIC_BUILDERS: readonly {
  specFile: string;
  build: (spec: SpecEntry) => SyntheticFixture[];
}[] = [
  { specFile: '1link-p2m-qr.yaml', build: oneLinkQrFixtures },
  { specFile: 'snap-card-binding.yaml', build: snapFixtures },
  { specFile: 'link-payments.yaml', build: linkPaymentsFixtures },
];

/** Every synthetic fixture of every spec, each built against the spec as it is now (its sha256). */
export function buildSyntheticFixtures(layout: MockLayout): SyntheticFixture[] {
  return SYNTHETIC_BUILDERS.flatMap(({ specFile, build }) =>
    build(loadSpec(path.join(layout.specDir, specFile), layout.repoRoot)),
  );
}

export interface SyntheticFixtureOutcome {
  /** Fixture path relative to the repository root. */
  file: string;
  /** `kept`: recorded from the sandbox, never overwritten by a synthetic one. */
  status: 'unchanged' | 'written' | 'stale' | 'kept';
}

/**
 * Writes the synthetic fixtures that differ from what is on disk (with `check`, only reports them as
 * stale). A fixture recorded from the sandbox (provenance.source "sandbox") is never overwritten.
 */
export function writeSyntheticFixtures(
  layout: MockLayout,
  options: { check?: boolean } = {},
): SyntheticFixtureOutcome[] {
  return buildSyntheticFixtures(layout).map(({ operationId, scenario, fixture }) => {
    const abs = fixturePath(layout.fixturesDir, operationId, scenario);
    const file = path.relative(layout.repoRoot, abs).split(path.sep).join('/');
    const existing = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
    if (existing !== undefined && isSandboxFixture(existing)) return { file, status: 'kept' };
    if (existing === serializeFixture(fixture)) return { file, status: 'unchanged' };
    if (options.check) return { file, status: 'stale' };
    writeFixture(layout.fixturesDir, operationId, scenario, fixture);
    return { file, status: 'written' };
  });
}

function isSandboxFixture(text: string): boolean {
  try {
    return (JSON.parse(text) as { provenance?: { source?: string } }).provenance?.source === 'sandbox';
  } catch {
    // A file that is not JSON is not a recording worth keeping; the generator replaces it.
    return false;
  }
}
