import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ScriptRun {
  /** Exit code; -1 when the process was killed by a signal. */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/<script>` the way its `pnpm` script does (tsx, repository root as cwd) and collects its
 * output. `env` is the child's whole environment: pass a minimal one where the host's variables could
 * change the outcome (credentials, MOCK_PORT); the default is this process's environment without colour.
 */
export function runScript(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' },
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join('scripts', script), ...args],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
