// pnpm mock:build  — validate fixtures, write mock/dist/<spec>.mock.yaml and mock/SCENARIOS.md.
// pnpm mock:check  — (mock-build --check) validate fixtures against the specs (drift) and fail when
//                    mock/SCENARIOS.md is stale; writes nothing.
import path from 'node:path';
import { buildAll, defaultLayout, formatDriftReport } from '@onelink-kit/mock';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`usage: pnpm mock:build [--check]

Merges mock/fixtures/<operationId>/<scenario>.json into every spec/*.yaml that has
x-onelink-mock-port-offset, writing mock/dist/<spec>.mock.yaml (build output, gitignored) and
mock/SCENARIOS.md (committed docs).

  --check       write nothing; exit 1 if a fixture no longer validates against its spec or
                mock/SCENARIOS.md is out of date (this is pnpm mock:check)
  --root DIR    treat DIR as the repository root (spec/, mock/fixtures/, mock/SCENARIOS.md)`);
  process.exit(0);
}
const check = args.includes('--check');
// --root lets tests point the checker at a copy of the repository (e.g. with an edited spec).
const rootIndex = args.indexOf('--root');
const layout = rootIndex === -1 ? defaultLayout() : defaultLayout(path.resolve(args[rootIndex + 1] ?? '.'));
const result = buildAll(layout, { check });
const rel = (p: string) => path.relative(layout.repoRoot, p);

console.log(formatDriftReport(result.drift));
if (result.drift.staleHashes.length > 0) {
  // Informational: still valid, just made against an older spec version.
  console.log(
    `note: ${result.drift.staleHashes.length} fixture(s) were made against an older version of their spec and still validate` +
      ' (pnpm mock:fixtures or pnpm record refreshes provenance.specSha256)',
  );
}
if (result.drift.problems.length > 0) process.exit(1);
for (const b of result.built) {
  console.log(
    `${check ? 'checked' : 'wrote'} ${check ? b.spec.specFile : rel(b.mockFile)}: ${b.scenarios.length} scenarios`,
  );
}
if (result.scenariosStale) {
  if (check) {
    console.error(`${rel(layout.scenariosFile)} is out of date: run pnpm mock:build and commit it`);
    process.exit(1);
  }
  console.log(`wrote ${rel(layout.scenariosFile)}`);
} else console.log(`${rel(layout.scenariosFile)} is up to date`);
