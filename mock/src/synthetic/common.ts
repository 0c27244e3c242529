import type { Fixture } from '../fixtures.js';

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
