/**
 * `pnpm bench:sqlite`: the database half of a create, timed on its own, for each way SQLite can run its
 * WAL checkpoints (GATEWAY_SQLITE_CHECKPOINTS) and each `synchronous` setting, side by side in one run.
 * Each create is the gateway's own two statements through its store: the pending row committed, then
 * the outcome; bodies are the spec's examples. One writer, one create after another, as at one
 * connection; a checkpoint that runs on the gateway's thread shows as the tail (p99, max). Then each
 * row is read back by id through the store, as a GET reads it (CPU µs per read in the last column).
 *
 *   --creates N: creates per set-up (default 6,000: several automatic checkpoints' worth).
 * Numbers depend on the machine and its disk: compare rows of one run.
 */
import { randomUUID } from 'node:crypto';
import { makeTempDir, oneLinkExample } from '@onelink-kit/testkit';
import type { SqliteCheckpoints, SqliteSynchronous } from '../src/database-target.js';
import { createDatabase, migrateToLatest } from '../src/storage/database.js';
import { createTransactionsStore } from '../src/storage/transactions-store.js';

const arg = process.argv.indexOf('--creates');
const CREATES = arg === -1 ? 6_000 : Number(process.argv[arg + 1]);
if (!Number.isInteger(CREATES) || CREATES < 100) {
  console.error('--creates takes a whole number of at least 100');
  process.exit(2);
}

const request = oneLinkExample('MerchantRequestSuccess');
const answer = oneLinkExample('MerchantQrSuccess');

interface Setup {
  checkpoints: SqliteCheckpoints;
  synchronous: SqliteSynchronous;
}
const setups: Setup[] = [
  { checkpoints: 'inline', synchronous: 'normal' },
  { checkpoints: 'background', synchronous: 'normal' },
  { checkpoints: 'inline', synchronous: 'full' },
  { checkpoints: 'background', synchronous: 'full' },
];

const dir = makeTempDir('gateway-sqlite-bench-');
const lines = [
  `| checkpoints | synchronous | creates/s | p50 µs | p99 µs | p99.9 µs | max µs | CPU µs/create | CPU µs/read |`,
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
];
try {
  for (const setup of setups) {
    const db = createDatabase({
      client: 'sqlite',
      filename: dir.join(`${setup.checkpoints}-${setup.synchronous}.sqlite`),
      ...setup,
    });
    await migrateToLatest(db);
    const store = createTransactionsStore(db, undefined, 'bench');
    const took: number[] = [];
    const ids: string[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < CREATES; i++) {
      const t0 = performance.now();
      const id = randomUUID();
      ids.push(id);
      await store.insertPending({
        id,
        kind: 'merchant',
        caller: 'bench',
        idempotencyKey: null,
        requestHash: id,
        callerReference: null,
        stan: String(i % 1_000_000).padStart(6, '0'),
        rrn: String(100_000_000_000 + i),
        amount: 310,
        merchantId: 'M1',
        expiryDateTime: '2026-12-01T10:00:00',
        request,
      });
      await store.complete(
        id,
        {
          status: 'succeeded',
          upstreamStatus: 200,
          responseCode: '00',
          upstreamResponse: answer,
          responseStatus: 201,
          responseBody: { id, status: 'succeeded', answer },
        },
        { readBack: false },
      );
      took.push((performance.now() - t0) * 1000);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const readCpu = process.cpuUsage();
    for (const id of ids) {
      const row = await store.findById(id);
      if (row?.status !== 'succeeded') throw new Error(`row ${id} did not read back`);
    }
    const read = process.cpuUsage(readCpu);
    await db.destroy();
    took.sort((a, b) => a - b);
    const at = (q: number) => took[Math.min(took.length - 1, Math.floor(took.length * q))]!.toFixed(0);
    lines.push(
      `| ${setup.checkpoints} | ${setup.synchronous} | ${(CREATES / seconds).toFixed(0)} | ${at(0.5)} | ${at(0.99)} | ${at(0.999)} | ${took.at(-1)!.toFixed(0)} | ${((used.user + used.system) / CREATES).toFixed(0)} | ${((read.user + read.system) / CREATES).toFixed(0)} |`,
    );
    console.error(`  measured checkpoints=${setup.checkpoints} synchronous=${setup.synchronous}`);
  }
  console.log(
    `\n${new Date().toISOString()} · ${CREATES} creates per set-up (insert pending + store outcome)\n`,
  );
  console.log(lines.join('\n'));
} finally {
  dir.remove();
}
