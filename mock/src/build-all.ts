import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFixtureDrift, type DriftReport } from './drift-check.js';
import { type BuiltMock, buildMocks, DEFAULT_MOCK_PORT, type MockLayout } from './mock-servers.js';
import { renderScenariosMd } from './scenarios-md.js';

export interface BuildResult {
  drift: DriftReport;
  built: BuiltMock[];
  scenariosMd: string;
  /** True when mock/SCENARIOS.md on disk differs from what the fixtures produce. */
  scenariosStale: boolean;
}

/**
 * `pnpm mock:build` and `pnpm mock:check` in one place. Invalid fixtures stop the build: Prism would
 * happily serve an example that breaks the contract, which is exactly what the mock must never do.
 * With `check`, nothing in the repository is written (mock specs go to a temp dir).
 */
export function buildAll(
  layout: MockLayout,
  options: { check?: boolean; portFor?: (o: number) => number } = {},
): BuildResult {
  const drift = checkFixtureDrift(layout);
  const onDisk = existsSync(layout.scenariosFile) ? readFileSync(layout.scenariosFile, 'utf8') : '';
  if (drift.problems.length > 0) return { drift, built: [], scenariosMd: '', scenariosStale: false };
  const tmp = options.check ? mkdtempSync(path.join(os.tmpdir(), 'onelink-mock-check-')) : undefined;
  try {
    const built = buildMocks(
      tmp ? { ...layout, outDir: tmp } : layout,
      options.portFor ?? ((o) => DEFAULT_MOCK_PORT + o),
    );
    const scenariosMd = renderScenariosMd(built);
    const scenariosStale = onDisk !== scenariosMd;
    if (!options.check && scenariosStale) writeFileSync(layout.scenariosFile, scenariosMd);
    return { drift, built, scenariosMd, scenariosStale };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
