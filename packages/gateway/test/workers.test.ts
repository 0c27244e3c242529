import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeOneLink, type RunningProcess, startFakeOneLink, waitUntil } from '@onelink-kit/testkit';
import knex from 'knex';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest } from './support/gateway-harness.js';
import { fakeUpstreamEnv, spawnGateway } from './support/gateway-process.js';

// GATEWAY_WORKERS: one primary forks gateway workers that share the port. Real processes throughout.

let fake: FakeOneLink;
let dir: string;
const children: RunningProcess[] = [];

beforeAll(async () => {
  fake = await startFakeOneLink();
  dir = mkdtempSync(join(tmpdir(), 'gateway-workers-'));
});
afterEach(async () => {
  while (children.length > 0) await children.pop()!.stop('SIGKILL');
});
afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startPool(name: string, extra: Record<string, string> = {}) {
  const child = spawnGateway({
    ...fakeUpstreamEnv(fake, join(dir, `${name}.sqlite`), 'workers-client'),
    GATEWAY_INSTANCE_ID: `workers-${name}`,
    GATEWAY_WORKERS: '2',
    ...extra,
  });
  children.push(child);
  const url = await child.waitFor('the worker pool to listen', (output) => {
    const line = output.split('\n').find((l) => l.includes('"gateway workers listening"'));
    return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
  });
  return { child, url };
}

/** Log lines of a msg, parsed. */
function logged(child: RunningProcess, msg: string): Array<Record<string, unknown>> {
  return child
    .lines()
    .filter((line) => line.startsWith('{') && line.includes(`"msg":"${msg}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Creates, each on a connection of its own (agent: false), so the cluster can hand them to either worker. */
function creates(url: string, count: number): Promise<Array<{ status: number; rrn?: string }>> {
  const body = JSON.stringify(merchantRequest);
  const one = () =>
    new Promise<{ status: number; rrn?: string }>((resolve, reject) => {
      const req = request(
        `${url}/v1/qr/merchant`,
        {
          method: 'POST',
          agent: false,
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => {
            const answer = JSON.parse(text) as { rrn?: string };
            resolve({ status: res.statusCode ?? 0, ...(answer.rrn ? { rrn: answer.rrn } : {}) });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return Promise.all(Array.from({ length: count }, one));
}

describe('a worker pool (GATEWAY_WORKERS=2)', () => {
  // One pool's life, start to SIGTERM (each pool is three processes to start, ~5 s of CPU).
  it('serves creates from both workers with distinct RRNs, sums /metrics over them, replaces a worker that dies and keeps serving, and stops on SIGTERM', async () => {
    const { child, url } = await startPool('serve');
    // Each worker logs through its own pipe to the primary's output, so a worker's line can come after
    // the primary's "gateway workers listening" (seen on a loaded machine): wait for both.
    const listening = await waitUntil("both workers' listening lines", () => {
      const lines = logged(child, 'gateway listening');
      return lines.length === 2 ? lines : undefined;
    });
    expect(listening.map((l) => l.worker).sort()).toEqual([1, 2]);
    expect(listening.map((l) => l.instanceId).sort()).toEqual(['workers-serve#w1', 'workers-serve#w2']);

    const answers = await creates(url, 40);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    expect(new Set(answers.map((a) => a.rrn)).size).toBe(40);
    const served = await waitUntil('40 request lines', () => {
      const lines = logged(child, 'request completed').filter(
        (l) => l.req && String((l.req as { url: string }).url) === '/v1/qr/merchant',
      );
      return lines.length === 40 ? lines : undefined;
    });
    expect(new Set(served.map((l) => l.pid)).size).toBe(2);
    // Each worker's WAL checkpoint thread shares the file with the other's: neither reports a failure.
    expect(
      logged(child, 'background WAL checkpoint failed; the connection checkpoints by itself past its mark'),
    ).toEqual([]);

    // Whichever worker answers the scrape, it reports the pool's sum.
    for (let i = 0; i < 3; i++) {
      const text = await (await fetch(`${url}/metrics`)).text();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('gateway_http_requests_total{') &&
            l.includes('route="/v1/qr/merchant"') &&
            l.includes('status="201"'),
        );
      expect(line?.split(' ').at(-1)).toBe('40');
    }

    // A worker that dies is replaced in its slot, and the pool keeps serving.
    const [first] = listening;
    process.kill(Number(first!.pid), 'SIGKILL');
    const replacement = await waitUntil('a replacement worker', () => logged(child, 'gateway listening')[2]);
    expect(replacement.worker).toBe(first!.worker);
    expect(logged(child, 'gateway worker exited; starting another')[0]).toMatchObject({
      slot: first!.worker,
      signal: 'SIGKILL',
    });
    const after = await creates(url, 6);
    expect(after.map((a) => a.status)).toEqual(Array(6).fill(201));

    expect(await child.stop('SIGTERM')).toBe(0);
    for (const pid of [...listening, replacement].map((l) => Number(l.pid))) {
      expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    }
  });

  it("counts the 1LINK plan's limit once for the pool, in the primary", async () => {
    const before = fake.calls.merchant;
    const { url } = await startPool('plan', { ONELINK_RATE_LIMIT: '3/min', GATEWAY_RATE_LIMIT_WAIT_MS: '0' });
    const answers = await creates(url, 6);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    expect(fake.calls.merchant - before).toBe(3);
  });

  it("kill -9 of the primary ends its workers; the restarted pool recovers every worker's pending rows at once", async () => {
    fake.always('qr', 'hang');
    try {
      const { child, url } = await startPool('crash', { ONELINK_TIMEOUT_MS: '60000' });
      const workers = logged(child, 'gateway listening').map((l) => Number(l.pid));
      const inFlight = creates(url, 6).catch((error: unknown) => error);
      const reader = knex({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'crash.sqlite') },
        useNullAsDefault: true,
      });
      try {
        const pending = await waitUntil('six pending rows', async () => {
          const rows = await reader('gateway_transactions').where({ status: 'pending' });
          return rows.length === 6 ? rows : undefined;
        });
        // Both workers took some: each recovers its own at start-up, not after the grace period.
        expect(new Set(pending.map((r: { owner: string }) => r.owner))).toEqual(
          new Set(['workers-crash#w1', 'workers-crash#w2']),
        );
        await child.stop('SIGKILL');
        expect(await inFlight).toBeInstanceOf(Error);
        // The workers notice their primary is gone and exit.
        await waitUntil('the workers to exit', () =>
          workers.every((pid) => {
            try {
              process.kill(pid, 0);
              return false;
            } catch {
              return true;
            }
          })
            ? true
            : undefined,
        );

        const restarted = await startPool('crash', { ONELINK_TIMEOUT_MS: '60000' });
        // Each worker's start-up warning lists the rows it recovered: together, all six.
        const warned = logged(
          restarted.child,
          'pending transactions left by a crash are now unknown: reconcile them by RRN (GET /v1/transactions?status=unknown)',
        ).flatMap((line) => (line.transactions as Array<{ rrn: string }>).map((t) => t.rrn));
        expect(warned.sort()).toEqual(pending.map((r: { rrn: string }) => r.rrn).sort());
        const rows = await reader('gateway_transactions').select('status', 'recovered_at');
        expect(rows.map((r: { status: string }) => r.status)).toEqual(Array(6).fill('unknown'));
        expect(rows.every((r: { recovered_at: string | null }) => r.recovered_at !== null)).toBe(true);
      } finally {
        await reader.destroy();
      }
    } finally {
      fake.clearFaults();
    }
    // Two pools of three processes each start here: 20–58 s on the 2-core machine under a full run.
  });
});
