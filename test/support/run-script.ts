import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Run, runProcess } from '@onelink-kit/testkit';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `scripts/<script>` the way its `pnpm` script does (tsx, repository root as cwd) and collects its
 * output. `env` is the child's whole environment: pass a minimal one where the host's variables could
 * change the outcome (credentials, MOCK_PORT); the default is this process's environment without colour.
 */
export function runScript(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' },
): Promise<Run> {
  return runProcess(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join('scripts', script), ...args],
    { cwd: root, env },
  );
}
