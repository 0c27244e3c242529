// pnpm mock:fixtures [--check] — (re)writes every synthetic fixture in mock/fixtures (1LINK P2M QR,
// SNAP card binding, Link Based Payments). A fixture recorded from the sandbox is never overwritten.
import { defaultLayout, writeSyntheticFixtures } from '@onelink-kit/mock';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`usage: pnpm mock:fixtures [--check]

Builds the synthetic fixtures of spec/1link-p2m-qr.yaml, spec/snap-card-binding.yaml and
spec/link-payments.yaml and writes the ones that differ to mock/fixtures/<operationId>/<scenario>.json.
Fixtures recorded from the sandbox (provenance.source "sandbox") are kept as they are.

  --check   write nothing; exit 1 if a synthetic fixture differs from what the generator makes`);
  process.exit(0);
}
const check = args.includes('--check');
const outcomes = writeSyntheticFixtures(defaultLayout(), { check });
for (const o of outcomes) {
  if (o.status === 'kept') console.log(`keep   ${o.file} (recorded from the sandbox)`);
  else if (o.status !== 'unchanged') console.log(`${o.status.padEnd(6)} ${o.file}`);
}
const changed = outcomes.filter((o) => o.status === 'stale' || o.status === 'written').length;
console.log(
  changed === 0
    ? `all ${outcomes.length} synthetic fixtures are up to date`
    : `${changed} synthetic fixture(s) ${check ? 'stale' : 'written'}; run pnpm mock:build to refresh mock/SCENARIOS.md`,
);
if (check && changed > 0) process.exit(1);
