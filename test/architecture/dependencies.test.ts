// The dependency rules of ARCHITECTURE.md (.dependency-cruiser.cjs), checked over every workspace source,
// script and test: no import cycles (type-only ones included), other packages only through their entry
// points, nothing importing scripts/, pure cores without frameworks or drivers, the layer order and the
// gateway rooms. A failure lists each broken rule with the import that breaks it.
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'test/architecture/fixtures';

async function cruiseFrom(paths: string[], tweak: (o: ICruiseOptions) => ICruiseOptions = (o) => o) {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.base.json`);
  const result = await cruise(paths, tweak({ ...options, baseDir: root, validate: true }), {}, { tsConfig });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser: expected a result object');
  return result.output as ICruiseResult;
}

function describeViolation(v: IViolation): string {
  const cycle = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')})` : '';
  return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
}

let result: ICruiseResult;
let ruleComments: Map<string, string>;

beforeAll(async () => {
  result = await cruiseFrom(['generated', 'packages', 'mock/src', 'scripts', 'test']);
  ruleComments = new Map(
    (result.summary.ruleSetUsed?.forbidden ?? []).map((r) => [r.name ?? '', r.comment ?? '']),
  );
});

describe('dependency rules', () => {
  it('hold for every import in the repository', () => {
    const broken = result.summary.violations.map(
      (v) => `${describeViolation(v)}\n    why: ${ruleComments.get(v.rule.name) ?? ''}`,
    );
    expect(broken, `dependency rules broken (see .dependency-cruiser.cjs):\n${broken.join('\n')}`).toEqual(
      [],
    );
  });

  it('see workspace imports resolved to the packages’ sources and npm modules by name, so no rule is vacuous', () => {
    const unresolved = result.modules.flatMap((m) =>
      m.dependencies
        .filter((d) => d.couldNotResolve && d.module.startsWith('@onelink-kit/'))
        .map((d) => `${m.source} → ${d.module}`),
    );
    expect(unresolved).toEqual([]);
    const resolvedFrom = (source: string) =>
      result.modules.find((m) => m.source === source)?.dependencies.map((d) => d.resolved) ?? [];
    expect(resolvedFrom('packages/gateway/src/logger.ts')).toContain('packages/core/src/index.ts');
    // npm modules stay in the graph (not followed), so the pure-core rule can see express or knex.
    expect(resolvedFrom('packages/gateway/src/storage/database.ts')).toContainEqual(
      expect.stringMatching(/\/node_modules\/knex\//),
    );
  });

  it('each speak about modules that exist (a renamed folder would make a rule silently pass)', () => {
    const sources = result.modules.map((m) => m.source);
    const idle = (result.summary.ruleSetUsed?.forbidden ?? [])
      .filter((rule) => {
        const from = rule.from.path;
        if (typeof from !== 'string') return false;
        const pattern = new RegExp(from);
        return !sources.some((s) => pattern.test(s));
      })
      .map((rule) => rule.name);
    expect(idle).toEqual([]);
  });

  it('report a cycle made only of type imports', async () => {
    const fixture = await cruiseFrom([`${FIXTURES}/type-cycle`], (o) => ({
      ...o,
      exclude: { path: 'node_modules' },
    }));
    const [order, line] = [`${FIXTURES}/type-cycle/order.ts`, `${FIXTURES}/type-cycle/line.ts`];
    expect(fixture.summary.violations.map(describeViolation)).toEqual([
      `no-circular: ${line} → ${order} (cycle: ${line} → ${order} → ${line})`,
    ]);
  });
});
