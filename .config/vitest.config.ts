import { existsSync, readdirSync } from 'node:fs';
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

export default defineConfig({
  test: {
    root,
    reporters: ['default', './.config/summary-reporter.ts'],
    projects: [
      ...packageDirs.map((dir) => ({
        test: {
          name: dir.replace(/^packages\//, ''),
          root: `${root}${dir}`,
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        test: {
          name: 'root',
          root,
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
