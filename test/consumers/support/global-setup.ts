import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { FAILED_MARKER, INSTALLED_MARKER } from './installed-app.js';
import { npmInstall, outsideEnv, runOk } from './run.js';
import { publishedPackages, tarballName, WORKSPACE_ROOT, workspaceDevVersion } from './workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumers: ConsumerSetup;
  }
}

export interface ConsumerSetup {
  /** Temp folder outside the workspace holding everything below; removed after the run. */
  scratch: string;
  /** Package name → its packed .tgz. */
  tarballs: Record<string, string>;
  /**
   * A project with every tarball, typescript and @types/node installed by one `npm install`, which
   * runs while the tests start: read it through `installedApp()` (support/installed-app.ts).
   */
  appDir: string;
  /** The specs another scratch project passes to npm for typescript and @types/node. */
  toolSpecs: string[];
}

/**
 * Packs every published package once and installs all the tarballs with one `npm install` into a
 * project outside the workspace; every consumer test works in (a sub-folder of) that project, or
 * installs the same tarballs into its own. Needs `pnpm build` first: the tarballs ship dist/.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const packages = publishedPackages();
  const unbuilt = packages.filter((p) => !existsSync(path.join(WORKSPACE_ROOT, p.dir, 'dist/.tsbuildinfo')));
  if (unbuilt.length > 0) {
    throw new Error(`run pnpm build first: no dist/ in ${unbuilt.map((p) => p.dir).join(', ')}`);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'onelink-consumers-'));
  const tarballDir = path.join(scratch, 'tarballs');
  mkdirSync(tarballDir);

  const packStarted = performance.now();
  // From the workspace root: pnpm rewrites workspace:^ to the version each tarball depends on.
  await runOk(
    'pnpm',
    ['-r', ...packages.flatMap((p) => ['--filter', p.name]), 'pack', '--pack-destination', tarballDir],
    { cwd: WORKSPACE_ROOT, env: { ...outsideEnv(), PATH: process.env.PATH } },
  );
  const packMs = performance.now() - packStarted;
  const tarballs: Record<string, string> = {};
  for (const p of packages) {
    const { version } = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, p.dir, 'package.json'), 'utf8'));
    const file = path.join(tarballDir, tarballName(p.name, version));
    if (!existsSync(file)) throw new Error(`pnpm pack wrote no ${file}`);
    tarballs[p.name] = file;
  }

  const appDir = path.join(scratch, 'app');
  mkdirSync(appDir);
  writeFileSync(path.join(appDir, 'package.json'), '{ "name": "consumer-app", "private": true }\n');
  const toolSpecs = ['typescript', '@types/node'].map((n) => `${n}@${workspaceDevVersion(n)}`);
  // One install for every tarball: npm satisfies their @onelink-kit/* dependencies from each other
  // and asks the registry only for third-party packages. Not awaited: the 5–7 s it takes would hold
  // back every test file of the run, while only three files need the project; they wait for the
  // marker it leaves (installedApp()).
  const installStarted = performance.now();
  const installed = npmInstall(appDir, [...Object.values(tarballs), ...toolSpecs]).then(
    () => {
      const installMs = performance.now() - installStarted;
      console.log(
        `consumers: packed ${packages.length} packages in ${(packMs / 1000).toFixed(1)} s, ` +
          `npm install in ${(installMs / 1000).toFixed(1)} s (${scratch})`,
      );
      writeFileSync(path.join(appDir, INSTALLED_MARKER), '');
    },
    (error: unknown) => writeFileSync(path.join(appDir, FAILED_MARKER), String(error)),
  );

  project.provide('consumers', { scratch, tarballs, appDir, toolSpecs });
  return async () => {
    await installed;
    if (!process.env.ONELINK_KEEP_CONSUMERS) rmSync(scratch, { recursive: true, force: true });
  };
}
