import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from './test-order.js';

// One root config with two projects: `workspace` runs every package's test/ folder and the root
// test/ (cross-package and contract tests) against TypeScript sources, never built output;
// `consumers` runs the packed packages. Packages are discovered, so a new one needs no edit here.
// One project, not one per package: each project has its own module graph, so the packages' tests
// transformed and imported core, client, knex and Ajv once per package (measured: transform 22 s →
// 9 s, import 52 s → 26 s, ~19 s less CPU a run). One package's tests: pass its folder as a filter.
const root = fileURLToPath(new URL('..', import.meta.url));

const packageDirs = [
  'generated',
  ...readdirSync(`${root}packages`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `packages/${d.name}`),
].filter((dir) => existsSync(`${root}${dir}/test`));

// Workspace packages export their TypeScript sources under this condition (listed first in every
// package.json `exports`), so tests need no build. Setting conditions replaces Vite's defaults, so
// the defaults (vite 8's defaultServerConditions) are repeated after ours.
const SOURCE_CONDITION = '@onelink-kit/source';
const conditions = [SOURCE_CONDITION, 'module', 'node', 'development|production'];

// Tests that spawn tsx or node on workspace sources inherit the same condition through NODE_OPTIONS.
// Only the workspace projects get it: the consumer tests run installed tarballs, where it would make
// Node load the shipped .ts sources.
const sourceEnv = {
  NODE_OPTIONS: [process.env.NODE_OPTIONS, `--conditions=${SOURCE_CONDITION}`].filter(Boolean).join(' '),
};

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    root,
    reporters: ['default', './.config/summary-reporter.ts'],
    // Vitest's default for a run is one worker fewer than the cores: a single worker on a 2-core
    // machine, which then sits idle while its test waits on a spawned gateway, Chromium, npm or a
    // rate-limit window. One worker more than the cores keeps both cores busy through those waits.
    maxWorkers: availableParallelism() + 1,
    // A variable a test sets with vi.stubEnv is put back before the next test, in every project.
    unstubEnvs: true,
    // Test files of a project share a worker and its module cache (isolate: false) instead of a fresh
    // process each: re-importing openapi-typescript, Redocly, knex and Ajv for every file took ~150 s of
    // CPU a run (~55 s shared). So no test may leave module state behind: env stubs are put back
    // (above) and spies restored before each test.
    isolate: false,
    restoreMocks: true,
    // Longest first across both projects, waiting files first on a fresh clone (test-order.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true as const,
        test: {
          name: 'workspace',
          root,
          include: [...packageDirs.map((dir) => `${dir}/test/**/*.test.ts`), 'test/**/*.test.ts'],
          exclude: ['test/consumers/**', '**/node_modules/**'],
          // The run's Prism mocks, started when a file first asks (test/support/shared-mock.ts).
          globalSetup: ['./test/support/mock-broker.ts'],
          env: sourceEnv,
          // A guard against a hang, not a speed limit (speed lives in the benchmarks). Tests that spawn
          // gateways, Prism or Chromium run ~10× slower under a full run than alone (the --prism start
          // script 5 s alone, 51 s in one full run; the kill -9 pool test 58 s in another).
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Packs every published package once (global setup), installs the tarballs with npm into
        // projects outside the workspace and runs them as a team would. Needs `pnpm build` first.
        extends: true as const,
        test: {
          name: 'consumers',
          root,
          include: ['test/consumers/**/*.test.ts'],
          globalSetup: ['./test/consumers/support/global-setup.ts', './test/support/mock-broker.ts'],
          testTimeout: 240_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
