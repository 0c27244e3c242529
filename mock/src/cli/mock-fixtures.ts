import { defaultLayout, type MockLayout } from '../mock-servers.js';
import { writeSyntheticFixtures } from '../synthetic/index.js';
import type { CliIo } from './mock-build.js';

export const MOCK_FIXTURES_USAGE = `usage: pnpm mock:fixtures [--check]

Builds the synthetic fixtures of spec/1link-p2m-qr.yaml, spec/snap-card-binding.yaml and
spec/link-payments.yaml and writes the ones that differ to mock/fixtures/<operationId>/<scenario>.json.
Fixtures recorded from the sandbox (provenance.source "sandbox") are kept as they are.

  --check   write nothing; exit 1 if a synthetic fixture differs from what the generator makes`;

/** `pnpm mock:fixtures [--check]`: the one synthetic-fixture generator. Returns the exit code. */
export function runMockFixtures(
  args: readonly string[],
  io: CliIo,
  layout: MockLayout = defaultLayout(),
): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(MOCK_FIXTURES_USAGE);
    return 0;
  }
  const check = args.includes('--check');
  const outcomes = writeSyntheticFixtures(layout, { check });
  for (const o of outcomes) {
    if (o.status === 'kept') io.out(`keep   ${o.file} (recorded from the sandbox)`);
    else if (o.status !== 'unchanged') io.out(`${o.status.padEnd(6)} ${o.file}`);
  }
  const changed = outcomes.filter((o) => o.status === 'stale' || o.status === 'written').length;
  io.out(
    changed === 0
      ? `all ${outcomes.length} synthetic fixtures are up to date`
      : `${changed} synthetic fixture(s) ${check ? 'stale' : 'written'}; run pnpm mock:build to refresh mock/SCENARIOS.md`,
  );
  return check && changed > 0 ? 1 : 0;
}
