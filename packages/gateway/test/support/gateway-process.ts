import { fileURLToPath } from 'node:url';
import { childEnv, type FakeOneLink, type RunningProcess, startProcess } from '@onelink-kit/testkit';
import { API_KEY } from './gateway-harness.js';

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

/**
 * What a gateway process needs to serve creates in front of `fake` on SQLite at `dbFile`, on a port
 * the OS picks, logging every request: the caller key is the harness's API_KEY, the 1LINK client
 * `clientId` with a secret of its name.
 */
export function fakeUpstreamEnv(
  fake: Pick<FakeOneLink, 'url' | 'tokenUrl'>,
  dbFile: string,
  clientId: string,
): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_URL: `sqlite:${dbFile}`,
    GATEWAY_API_KEYS: API_KEY,
    ONELINK_BASE_URL: fake.url,
    ONELINK_TOKEN_URL: fake.tokenUrl,
    ONELINK_CLIENT_ID: clientId,
    ONELINK_CLIENT_SECRET: `${clientId}-secret-value`,
    LOG_LEVEL: 'info',
  };
}
