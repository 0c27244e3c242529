// The servers `pnpm bench:gateway` puts in front of the test kit's fake 1LINK: a bare Node forwarder,
// Prism's validating proxy and the gateway as its own process. Each listens on 127.0.0.1 on a port the
// OS picked, and each `stop` ends it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

export interface Target {
  url: string;
  /** The process serving it, for RSS and profiles; undefined when it runs in this process. */
  pid?: number;
  stop(): Promise<void>;
}

/** A forwarder with nothing else in it: `http.request` over a keep-alive agent, bodies piped. */
export async function startBareForwarder(upstream: string): Promise<Target> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(upstream);
  const server = createServer((req, res) => {
    const out = request(
      { agent, hostname, port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * `commit-floor.ts` as its own process: a pending-row commit, the 1LINK call and an outcome commit in
 * turn, nothing else (the floor under a gateway create on Postgres); `busyMs` of CPU per request on
 * top, spent where the gateway spends its own.
 */
export async function startCommitFloor(
  root: string,
  upstream: string,
  databaseUrl: string,
  busyMs = 0,
): Promise<Target> {
  const floor = join(root, 'packages/gateway/bench/commit-floor.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx/esm', floor, upstream, databaseUrl, String(busyMs)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [, url = ''] = await readyLine(child, /listening (http:\/\/\S+)/, 'commit floor', 30_000);
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: children (Prism) colour their log lines
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The first match of `pattern` in what a child prints (its piped stdout and stderr, colours removed),
 * or an error naming `what` if it exits or `timeoutMs` passes first. The pipes are read to the end, a
 * tail kept: a child that logs every request (Prism) must not block on a full pipe.
 */
function readyLine(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${out}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8').replace(ANSI, '')).slice(-8_192);
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** Ends a child: SIGTERM, then SIGKILL after `graceMs`. */
function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const LISTENING = /Prism is listening on (https?:\/\/[^\s]+?):(\d+)/;

/**
 * Prism `proxy --errors` (the version @onelink-kit/mock pins) in front of `upstream`: it validates each
 * request and each answer against the 1LINK spec and turns a violation into an error.
 */
export async function startPrismProxy(root: string, specFile: string, upstream: string): Promise<Target> {
  const require = createRequire(join(root, 'mock/package.json'));
  const pkgFile = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin.prism ?? 'dist/index.js');
  const child = spawn(
    process.execPath,
    [
      join(dirname(pkgFile), bin),
      'proxy',
      specFile,
      upstream,
      '--errors',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const match = await readyLine(child, LISTENING, 'Prism', 90_000);
  const url = `http://127.0.0.1:${match[2]}`;
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/**
 * The gateway as deployed: its own process from the build, logging every request at `info` into
 * `logFile` (so the cost of writing the lines is in the numbers, not a terminal's). Ready when its log
 * says it listens (a worker pool: every worker). `cpuProfDir` runs it under `node --cpu-prof`; a
 * profile per process is written when it stops.
 */
export async function startGateway(
  root: string,
  env: Record<string, string>,
  logFile: string,
  cpuProfDir?: string,
): Promise<Target> {
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  // BENCH_NODE_ARGS: node (and V8) flags for the gateway processes, e.g. to try a GC setting.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    // The built gateway, as `pnpm deploy:gateway` ships it (`pnpm bench:gateway` builds first).
    [...nodeArgs, ...profile, join(root, 'packages/gateway/dist/main.js')],
    // Port 0: the OS picks one as the gateway binds, and the gateway logs the URL it got. A port probed
    // free beforehand could be taken before the gateway binds it.
    { cwd: root, env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', log, 'inherit'] },
  );
  closeSync(log);
  const ready =
    Number(env.GATEWAY_WORKERS ?? '1') > 1 ? '"gateway workers listening"' : '"gateway listening"';
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (url === undefined) {
    // Whole lines only: the last piece may be a line still being written.
    const line = readFileSync(logFile, 'utf8')
      .split('\n')
      .slice(0, -1)
      .find((l) => l.includes(ready));
    if (line !== undefined) {
      url = (JSON.parse(line) as { url: string }).url;
      break;
    }
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error('gateway did not start within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid, stop: () => stopChild(child, 30_000) };
}

/**
 * Resident set size of a process and its children (a worker pool) in MiB, from /proc (Linux); NaN
 * where that is not readable.
 */
export function rssMiB(pid: number | undefined): number {
  const of = (id: number): number => {
    const status = readFileSync(`/proc/${id}/status`, 'utf8');
    const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim();
    const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
    return (
      own + (children === '' ? 0 : children.split(/\s+/).reduce((sum, child) => sum + of(Number(child)), 0))
    );
  };
  try {
    return of(pid ?? process.pid);
  } catch {
    return Number.NaN;
  }
}

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system) used so far by a process and its children (a worker pool), in ms, from
 * /proc (Linux); NaN where that is not readable. The difference over a measured run, per request,
 * is the target's own cost, which machine load disturbs far less than req/s.
 */
export function cpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const ticks = (id: number): number => {
    const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim();
    return own + (children === '' ? 0 : children.split(/\s+/).reduce((sum, c) => sum + ticks(Number(c)), 0));
  };
  try {
    return (ticks(pid) / ticksPerSecond) * 1000;
  } catch {
    return Number.NaN;
  }
}
