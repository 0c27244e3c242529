import { type ChildProcess, spawn } from 'node:child_process';

/** How a command is started: its folder, its whole environment, and (for a run) a kill-after bound. */
export interface ProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** A run only: SIGTERM after this many ms (node's `timeout`); none by default. */
  timeoutMs?: number;
}

/** A command run to its end. */
export interface Run {
  /** Exit code; -1 when the process was ended by a signal. */
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A command left running, its output collected as it prints. */
export interface RunningProcess {
  readonly proc: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** The non-blank lines of output(). */
  lines(): string[];
  /** The exit code; null when a signal ended it. */
  readonly exited: Promise<number | null>;
  /**
   * Polls `find` over output() until it gives a value; throws with the output when the process exits
   * first or `ms` pass.
   */
  waitFor<T>(what: string, find: (output: string) => T | undefined, ms?: number): Promise<T>;
  /** Sends `signal` (unless it has exited) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The environment a workspace child needs and no more of this one's: PATH, HOME and NODE_OPTIONS
 * (where vitest puts the source condition, so workspace packages resolve to their sources), then `extra`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
    ...extra,
  };
}

/** Runs a command to its end and collects its output (a non-zero exit is a result, not an error). */
export function runProcess(command: string, args: readonly string[], options: ProcessOptions): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout, stderr, ms: Math.round(performance.now() - started) }),
    );
  });
}

/** Polls `probe` every 25 ms until it gives a value; throws naming `what` after `ms`. */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts a command with its output piped and collected; the caller stops it (or lets it exit). */
export function startProcess(
  command: string,
  args: readonly string[],
  options: Omit<ProcessOptions, 'timeoutMs'>,
): RunningProcess {
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    output: () => output,
    lines: () => output.split('\n').filter((line) => line.trim() !== ''),
    exited,
    async waitFor(what, find, ms = 60_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = find(output);
        if (value !== undefined) return value;
        if (proc.exitCode !== null || proc.signalCode !== null) {
          throw new Error(`exited (${proc.exitCode ?? proc.signalCode}) before ${what}:\n${output}`);
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/**
 * The URL of a gateway process, from its own "gateway listening" JSON log line (it listens on port 0,
 * so the line is the only place the port is told).
 */
export function gatewayListeningUrl(process: RunningProcess, ms = 60_000): Promise<string> {
  return process.waitFor(
    'the gateway to listen',
    (output) => {
      // Whole lines only: the last piece may be a line still being written.
      const line = output
        .split('\n')
        .slice(0, -1)
        .find((l) => l.includes('"gateway listening"'));
      return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
    },
    ms,
  );
}
