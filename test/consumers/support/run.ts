import path from 'node:path';
import { type Run, runProcess } from '@onelink-kit/testkit';
import { WORKSPACE_ROOT } from './workspace.js';

/**
 * The environment of a project outside this workspace: without the workspace's source condition in
 * NODE_OPTIONS (Node would load the shipped .ts sources), without pnpm's npm_* variables (npm would
 * read them as its own config) and without the workspace's node_modules/.bin on PATH (npx must find
 * the bins the scratch project installed, not the workspace's links).
 */
export function outsideEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_OPTIONS' || /^npm_/i.test(key) || /^pnpm_/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.startsWith(WORKSPACE_ROOT))
    .join(path.delimiter);
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command to its end, by default in the outside environment (never throws for a non-zero exit). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Run> {
  return runProcess(command, args, { cwd: options.cwd, env: options.env ?? outsideEnv() });
}

/** Like run, but a non-zero exit is an error carrying the command's output. */
export async function runOk(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Run> {
  const got = await run(command, args, options);
  if (got.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${got.code} in ${options.cwd}\n${got.stdout}\n${got.stderr}`,
    );
  }
  return got;
}

/** `npm install` the way the scratch projects do: offline-first, quiet, from the given specs. */
export function npmInstall(cwd: string, specs: readonly string[]): Promise<Run> {
  return runOk(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    { cwd },
  );
}
