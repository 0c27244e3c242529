// The dependency rules of ARCHITECTURE.md (.dependency-cruiser.cjs), checked over every workspace source,
// script and test: no import cycles (type-only ones included), other packages only through their entry
// points, nothing importing scripts/, pure cores without frameworks or drivers, the layer order and the
// gateway rooms. A failure lists each broken rule with the import that breaks it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'test/architecture/fixtures';

async function cruiseFrom(
  paths: string[],
  tweak: (o: ICruiseOptions) => ICruiseOptions = (o) => o,
  baseDir = root,
) {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.base.json`);
  const result = await cruise(paths, tweak({ ...options, baseDir, validate: true }), {}, { tsConfig });
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

describe('dependency rules on a made-up repository that breaks each of them once', () => {
  const sandbox = mkdtempSync(join(tmpdir(), 'architecture-'));
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'packages/core/src/index.ts':
      "import 'node:http';\nimport '../../../scripts/x.js';\nimport '../../gateway/src/index.js';\n",
    'packages/gateway/src/index.ts': "import './config.js';\n",
    'packages/gateway/src/config.ts': "import './http/routes.js';\n",
    'packages/gateway/src/http/routes.ts': "import '../qr/service.js';\n",
    'packages/gateway/src/qr/service.ts': "import '../http/routes.js';\n",
    'packages/client/src/index.ts': 'export const client = 1;\n',
    'packages/emvqr/src/index.ts': "import '../../client/src/index.js';\n",
    'packages/snap/src/index.ts': "import '../../client/src/index.js';\n",
    'packages/testkit/src/index.ts': 'export const fake = 1;\n',
    'scripts/x.ts': "import '../packages/testkit/src/index.js';\n",
  };

  it('reports every rule broken, naming the import', async () => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(sandbox, dirname(file)), { recursive: true });
      writeFileSync(join(sandbox, file), text);
    }
    const made = await cruiseFrom(['packages', 'scripts'], (o) => o, sandbox);
    expect(made.summary.violations.map(describeViolation).sort()).toEqual([
      'gateway-room-qr: packages/gateway/src/qr/service.ts → packages/gateway/src/http/routes.ts',
      'gateway-room-shared: packages/gateway/src/config.ts → packages/gateway/src/http/routes.ts',
      'layer-clients: packages/snap/src/index.ts → packages/client/src/index.ts',
      'layer-core: packages/core/src/index.ts → packages/gateway/src/index.ts',
      'layer-emvqr: packages/emvqr/src/index.ts → packages/client/src/index.ts',
      'no-circular: packages/gateway/src/http/routes.ts → packages/gateway/src/qr/service.ts (cycle: packages/gateway/src/http/routes.ts → packages/gateway/src/qr/service.ts → packages/gateway/src/http/routes.ts)',
      'no-relative-cross-package: packages/core/src/index.ts → packages/gateway/src/index.ts',
      'no-relative-cross-package: packages/emvqr/src/index.ts → packages/client/src/index.ts',
      'no-relative-cross-package: packages/snap/src/index.ts → packages/client/src/index.ts',
      'no-scripts-from-packages: packages/core/src/index.ts → scripts/x.ts',
      'pure-cores: packages/core/src/index.ts → http',
      'testkit-only-from-tests: scripts/x.ts → packages/testkit/src/index.ts',
    ]);
  });
});
