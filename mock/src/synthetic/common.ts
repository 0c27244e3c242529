import type { Fixture, FixtureProvenance } from '../fixtures.js';
import type { SpecEntry } from '../spec-catalog.js';

/** One synthetic exchange, before it is written to `mock/fixtures/<operationId>/<scenario>.json`. */
export interface SyntheticFixture {
  operationId: string;
  scenario: string;
  fixture: Fixture;
}

/** Every synthetic fixture carries the same date, so regenerating gives no diff. */
export const SYNTHETIC_RECORDED_AT = '2026-11-21T23:00:00.000Z';

/** provenance.tool of the signed SNAP and Link Based Payments fixtures. */
export const SIGNED_FIXTURE_TOOL =
  'onelink-kit scripts/make-fixtures.ts 0.1.0 (signatures by @onelink-kit/signing)';

/** The provenance of a synthetic fixture of `spec` made by `tool`: the fixed date, the spec's file and hash. */
export function syntheticProvenance(spec: SpecEntry, tool: string, notes: string): FixtureProvenance {
  return {
    source: 'synthetic',
    recordedAt: SYNTHETIC_RECORDED_AT,
    specFile: spec.specFile,
    specSha256: spec.sha256,
    tool,
    notes,
  };
}

/** The fixtures a generator makes, in order, and `write` to add one. */
export function fixtureList(): {
  out: SyntheticFixture[];
  write: (operationId: string, scenario: string, fixture: Fixture) => void;
} {
  const out: SyntheticFixture[] = [];
  return {
    out,
    write: (operationId, scenario, fixture) => void out.push({ operationId, scenario, fixture }),
  };
}
