import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PrismServer {
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  port: number;
  host: string;
  specFile: string;
  pid: number | undefined;
  /** Everything Prism printed, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartPrismOptions {
  specFile: string;
  /** 0 (default) lets the OS pick a free port; Prism prints the real one and we read it back. */
  port?: number;
  host?: string;
  /** How long to wait for "Prism is listening". */
  readyTimeoutMs?: number;
  /** Extra CLI flags, e.g. `['--errors']`. None by default: validation and security checks are on anyway. */
  extraArgs?: string[];
}

const require = createRequire(import.meta.url);

// Prism children still running. If this process exits for any reason (error, process.exit, a signal
// whose handler exits), they are killed synchronously so no mock outlives the script or test that
// started it. Only a SIGKILL of this process can orphan them.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
}

/** Default wait for "Prism is listening": generous, Prism is slow to start on a loaded machine. */
export const DEFAULT_READY_TIMEOUT_MS = Number(process.env.PRISM_READY_TIMEOUT_MS) || 90_000;

/** The pinned Prism CLI entry (run with this Node, so the child is Prism itself, not a shell wrapper). */
export function prismEntry(): string {
  const pkg = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(pkg) as { bin: string | Record<string, string> };
  const rel = typeof bin === 'string' ? bin : (bin.prism ?? Object.values(bin)[0] ?? 'dist/index.js');
  return path.join(path.dirname(pkg), rel);
}

// Prism's log lines contain ANSI colour codes when attached to a TTY; strip them before matching.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC byte is the point
const ANSI = /\u001b\[[0-9;]*m/g;
const LISTENING = /Prism is listening on (https?:\/\/[^\s]+?):(\d+)/;

export function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    prismEntry(),
    'mock',
    options.specFile,
    '--host',
    host,
    '--port',
    String(options.port ?? 0),
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  track(child);
  let out = '';
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    exited = true;
  });

  const stop = async (graceMs = 3000): Promise<void> => {
    if (exited || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, graceMs);
    await exitedPromise;
    clearTimeout(timer);
  };

  return new Promise<PrismServer>((resolve, reject) => {
    const timeout = setTimeout(() => {
      void stop().then(() =>
        reject(
          new Error(
            `Prism did not start within ${options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS} ms for ${options.specFile}:\n${out}`,
          ),
        ),
      );
    }, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      // Keep only the tail: Prism logs every request and a long-running mock must not grow without bound.
      out = (out + chunk.toString('utf8').replace(ANSI, '')).slice(-65_536);
      const m = LISTENING.exec(out);
      if (m) {
        clearTimeout(timeout);
        const port = Number(m[2]);
        resolve({
          url: `http://${host}:${port}`,
          port,
          host,
          specFile: options.specFile,
          pid: child.pid,
          output: () => out,
          stop,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      // A busy port is the usual cause; Prism reports it after a page of its own --help, so say it plainly.
      const inUse = /EADDRINUSE: address already in use (\S+)/.exec(out);
      reject(
        new Error(
          inUse
            ? `Prism could not listen on ${inUse[1]} for ${options.specFile}: the port is in use. Stop what holds it or choose another port (pnpm mock: MOCK_PORT=<port>, or MOCK_PORT=0 for free ones)`
            : `Prism exited (${code ?? signal}) before it was ready for ${options.specFile}:\n${out}`,
        ),
      );
    });
    child.once('error', (err) => {
      clearTimeout(timeout);
      reject(err);
    });
  });
}
