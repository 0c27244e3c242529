/**
 * `pnpm bench:gateway`: a bounded loopback load against the gateway (its own process, SQLite in
 * WAL, or BENCH_DATABASE_URL) in front of Prism. Reports throughput and latency per scenario and
 * Prism alone as the floor. Numbers depend on the machine; they are for comparing changes.
 *
 *   BENCH_REQUESTS (default 2000 per scenario), BENCH_CONCURRENCY (default 16)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOneLinkMock } from '@onelink-kit/mock';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const KEY = 'bench-key-0123456789abcdef';
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Result {
  name: string;
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

async function run(name: string, total: number, send: (i: number) => Promise<Response>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status < 300) ok++;
        else failed++;
      }
    }),
  );
  return { name, ok, failed, seconds: (performance.now() - started) / 1000, latencies };
}

function report(r: Result): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
  const rps = (r.ok + r.failed) / r.seconds;
  return `${r.name.padEnd(38)} ${rps.toFixed(0).padStart(6)} req/s   p50 ${pct(50).padStart(6)} ms   p95 ${pct(95).padStart(6)} ms   p99 ${pct(99).padStart(6)} ms   ${r.ok} ok / ${r.failed} failed`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The gateway as its own process (as deployed), quiet logs; ready when /healthz answers. */
async function startGatewayProcess(
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const proc = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', join(root, 'packages/gateway/src/main.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`gateway exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, proc };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('gateway did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const fixture = JSON.parse(
  readFileSync(join(root, 'mock/fixtures/generateDQRCMerchant/success.json'), 'utf8'),
) as { request: { body: Record<string, unknown> & { paymentDetails: { instructedAmount: number } } } };
const upstreamBody = fixture.request.body;
const gatewayBody = JSON.stringify({
  merchantDetails: upstreamBody.merchantDetails,
  payerDetails: upstreamBody.payerDetails,
  amount: upstreamBody.paymentDetails.instructedAmount,
  expiresInSeconds: 900,
});

const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
const mock = await startOneLinkMock({ port: 0 });
let gateway: { url: string; proc: ChildProcess } | undefined;
try {
  const database = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  gateway = await startGatewayProcess({
    DATABASE_URL: database,
    GATEWAY_API_KEYS: KEY,
    ONELINK_BASE_URL: mock.url,
    ONELINK_TOKEN_URL: `${mock.url}/oauth2/token`,
    ONELINK_CLIENT_ID: 'bench-client',
    ONELINK_CLIENT_SECRET: 'bench-client-secret-value',
    LOG_LEVEL: 'error',
  });
  const url = gateway.url;
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  const create = (key?: string) =>
    fetch(`${url}/v1/qr/merchant`, {
      method: 'POST',
      headers: key ? { ...headers, 'idempotency-key': key } : headers,
      body: gatewayBody,
    });

  console.log(
    `gateway bench: ${REQUESTS} requests per scenario, concurrency ${CONCURRENCY}, ${cpus().length} CPU(s), ` +
      `${database.startsWith('sqlite:') ? 'SQLite (WAL)' : 'Postgres'}, upstream Prism ${mock.url}\n`,
  );
  // Warm both sides (token, JIT) before measuring.
  await run('warm-up', 100, () => create());

  const results: Result[] = [];
  results.push(
    await run('Prism alone: POST /generateDQRCMerchant', REQUESTS, () =>
      fetch(`${mock.url}/generateDQRCMerchant`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ibm-client-id': 'bench',
          authorization: 'Bearer bench',
        },
        body: JSON.stringify(upstreamBody),
      }),
    ),
  );
  results.push(await run('gateway: GET /healthz', REQUESTS, () => fetch(`${url}/healthz`)));
  results.push(await run('gateway: POST /v1/qr/merchant (new QR)', REQUESTS, () => create()));
  const first = (await (await create('bench-replay')).json()) as { id: string };
  results.push(await run('gateway: POST replay (Idempotency-Key)', REQUESTS, () => create('bench-replay')));
  results.push(
    await run('gateway: GET /v1/qr/{id}', REQUESTS, () => fetch(`${url}/v1/qr/${first.id}`, { headers })),
  );
  for (const r of results) console.log(report(r));
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) process.exitCode = 1;
} finally {
  gateway?.proc.kill('SIGTERM');
  await new Promise((r) => gateway?.proc.once('exit', r) ?? r(undefined));
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
}
