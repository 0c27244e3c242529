import { fileURLToPath } from 'node:url';
import { childEnv, type RunningProcess, startProcess } from '@onelink-kit/testkit';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mainFile = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/**
 * The gateway as a real process (src/main.ts under tsx), configured by `env` alone; its URL is
 * `gatewayListeningUrl(child)` once it listens. tsx's ESM hooks alone: the sources are ESM, and
 * leaving its CommonJS hook out spares every require() of Express, knex and Ajv a detour (~0.15 s of
 * CPU per process, and a pool forks one per worker).
 */
export function spawnGateway(env: Record<string, string>): RunningProcess {
  return startProcess(process.execPath, ['--import', 'tsx/esm', mainFile], {
    cwd: repoRoot,
    env: childEnv(env),
  });
}
