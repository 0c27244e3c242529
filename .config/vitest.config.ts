import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One root config: every workspace package with a test/ folder is a project, and the root test/
// holds the cross-package and contract tests. Everything runs against TypeScript sources, never
// built output. Packages are discovered, so a new package needs no edit here.
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
    projects: [
      ...packageDirs.map((dir) => ({
        extends: true as const,
        test: {
          name: dir.replace(/^packages\//, ''),
          root: `${root}${dir}`,
          include: ['test/**/*.test.ts'],
          env: sourceEnv,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        extends: true as const,
        test: {
          name: 'root',
          root,
          include: ['test/**/*.test.ts'],
          exclude: ['test/consumers/**', '**/node_modules/**'],
          env: sourceEnv,
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
          globalSetup: ['./test/consumers/support/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
