import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that spend most of their wall time waiting rather than computing: on spawned gateways and
// worker pools, a plan-limit window, Chromium, Prism, npm or a 1LINK timeout. Started first, their
// waits overlap the CPU-bound files; started in vitest's default order (largest file first) they
// began half-way through and trailed the run on one busy core. Longest first. A stale entry only
// loses its head start.
const WAITING_FILES = [
  'packages/gateway/test/upstream/shared-plan-limit.test.ts',
  'packages/gateway/test/workers.test.ts',
  'test/gateway/gateway-prism.test.ts',
  'test/browser/pages.test.ts',
  'test/consumers/codegen-repo.test.ts',
  'packages/gateway/test/storage/rrn-allocator.test.ts',
  'test/gateway/start-script.test.ts',
  'packages/gateway/test/qr/upstream-outcomes.test.ts',
  'test/consumers/deploy-gateway.test.ts',
  'packages/gateway/test/main.test.ts',
  // Waits first for the consumer project's npm install (test/consumers/support/installed-app.ts), so
  // after the consumer files that do not.
  'test/consumers/types.test.ts',
  'test/mock/prism.test.ts',
  'test/record/record-e2e.test.ts',
];

/**
 * Orders test files across projects, longest first. With vitest's results cache (any run after the
 * first on a machine) that is the recorded duration; on a fresh clone, with no cache, the files
 * known to wait come first and the rest follow largest first. Unlike vitest's own sequencer it does
 * not keep vitest's project order, and it runs the smaller projects first (see inBlocks).
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const cache = this.ctx.cache;
    const known = files.map((spec) => {
      const path = relative(root, spec.moduleId);
      const result = cache.getFileTestResults(`${spec.project.name}:${path}`);
      return { spec, path, failed: result?.failed === true, duration: result?.duration };
    });
    if (known.every((f) => f.duration !== undefined)) {
      return inBlocks(
        known
          .sort((a, b) => Number(b.failed) - Number(a.failed) || (b.duration ?? 0) - (a.duration ?? 0))
          .map((f) => f.spec),
      );
    }
    const rank = (path: string) => {
      const i = WAITING_FILES.indexOf(path);
      return i === -1 ? WAITING_FILES.length : i;
    };
    return inBlocks(
      known
        .map((f) => ({ ...f, rank: rank(f.path), size: statSync(f.spec.moduleId).size }))
        .sort((a, b) => a.rank - b.rank || b.size - a.size)
        .map((f) => f.spec),
    );
  }
}

/**
 * Keeps each project's order but runs the smaller projects' files first, each project in one block.
 * Vitest's pool keeps a worker (and the modules it loaded) for the next file only when that file is
 * of the same project; a consumers file between workspace files ended the worker before it and
 * started a new one after it: 15 workers in a run, each importing Express, knex, Ajv and TypeScript
 * again (a block in the middle still made 10).
 */
function inBlocks(ordered: TestSpecification[]): TestSpecification[] {
  const counts = new Map<string, number>();
  for (const spec of ordered) counts.set(spec.project.name, (counts.get(spec.project.name) ?? 0) + 1);
  const smallestFirst = [...counts].sort((a, b) => a[1] - b[1]).map(([name]) => name);
  return smallestFirst.flatMap((name) => ordered.filter((spec) => spec.project.name === name));
}
