import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/mock/build-all.js';
import { defaultLayout } from '../../scripts/mock/mock-servers.js';
import { preferHeader } from '../../scripts/mock/scenarios-md.js';

// mock/SCENARIOS.md is committed documentation generated from the fixtures: keep it in sync.
const layout = defaultLayout();
const result = buildAll(layout, { check: true });

describe('mock/SCENARIOS.md', () => {
  it('is what pnpm mock:build renders from the current fixtures (run pnpm mock:build if this fails)', () => {
    expect(result.drift.problems).toEqual([]);
    expect(readFileSync(layout.scenariosFile, 'utf8')).toBe(result.scenariosMd);
  });

  it('lists every fixture with the exact Prefer header that selects it', () => {
    const scenarios = result.built.flatMap((b) => b.scenarios);
    expect(scenarios.length).toBeGreaterThan(0);
    for (const s of scenarios) {
      expect(result.scenariosMd).toContain(
        `| ${s.operationId} | \`${s.method} ${s.path}\` | ${s.scenario} | ${s.status} | \`Prefer: ${preferHeader(s.status, s.scenario)}\``,
      );
    }
  });
});
