import path from 'node:path';
import { buildAll } from '../build-all.js';
import { formatDriftReport } from '../drift-check.js';
import { defaultLayout } from '../mock-servers.js';

/** Where a CLI writes: the script passes console's, tests collect the lines. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const MOCK_BUILD_USAGE = `usage: pnpm mock:build [--check]

Merges mock/fixtures/<operationId>/<scenario>.json into every spec/*.yaml that has
x-onelink-mock-port-offset, writing mock/dist/<spec>.mock.yaml (build output, gitignored) and
mock/SCENARIOS.md (committed docs).

  --check       write nothing; exit 1 if a fixture no longer validates against its spec or
                mock/SCENARIOS.md is out of date (this is pnpm mock:check)
  --root DIR    treat DIR as the repository root (spec/, mock/fixtures/, mock/SCENARIOS.md)`;

/**
 * `pnpm mock:build [--check] [--root DIR]`: validates the fixtures (drift), writes the mock specs and
 * mock/SCENARIOS.md (or, with --check, writes nothing and fails when either is off). Returns the exit code.
 */
export function runMockBuild(args: readonly string[], io: CliIo): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(MOCK_BUILD_USAGE);
    return 0;
  }
  const check = args.includes('--check');
  // --root lets tests point the checker at a copy of the repository (e.g. with an edited spec).
  const rootIndex = args.indexOf('--root');
  const layout = rootIndex === -1 ? defaultLayout() : defaultLayout(path.resolve(args[rootIndex + 1] ?? '.'));
  const result = buildAll(layout, { check });
  const rel = (p: string) => path.relative(layout.repoRoot, p);

  io.out(formatDriftReport(result.drift));
  if (result.drift.staleHashes.length > 0) {
    // Informational: still valid, just made against an older spec version.
    io.out(
      `note: ${result.drift.staleHashes.length} fixture(s) were made against an older version of their spec and still validate` +
        ' (pnpm mock:fixtures or pnpm record refreshes provenance.specSha256)',
    );
  }
  if (result.drift.problems.length > 0) return 1;
  for (const b of result.built) {
    io.out(
      `${check ? 'checked' : 'wrote'} ${check ? b.spec.specFile : rel(b.mockFile)}: ${b.scenarios.length} scenarios`,
    );
  }
  if (!result.scenariosStale) {
    io.out(`${rel(layout.scenariosFile)} is up to date`);
    return 0;
  }
  if (check) {
    io.err(`${rel(layout.scenariosFile)} is out of date: run pnpm mock:build and commit it`);
    return 1;
  }
  io.out(`wrote ${rel(layout.scenariosFile)}`);
  return 0;
}
