import { fileURLToPath } from 'node:url';
import { childEnv, type RunningProcess, startProcess } from '@onelink-kit/testkit';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mainFile = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/**
 * The gateway as a real process (src/main.ts under tsx), configured by `env` alone; its URL is
 * `gatewayListeningUrl(child)` once it listens.
 */
export function spawnGateway(env: Record<string, string>): RunningProcess {
  return startProcess(process.execPath, ['--import', 'tsx', mainFile], { cwd: repoRoot, env: childEnv(env) });
}
