/**
 * `pnpm bench:gateway`: in one run on this machine, the gateway against the targets it is measured by,
 * all in front of the same fake 1LINK (root README, Performance). Its flags and BENCH_* variables are in
 * options.ts (`--help`). Numbers depend on the machine and its load: compare rows of one run, never
 * across machines. The gateway runs from its build (`dist/main.js`, as deployed); the pnpm script builds
 * first.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fullMerchantRequest, gatewayMerchantRequest, startFakeOneLink } from '@onelink-kit/testkit';
import { freshPostgres } from './fresh-postgres.js';
import { type Load, measurer } from './measure.js';
import {
  type BenchOptions,
  BenchUsageError,
  parseBenchOptions,
  ROW_NAMES,
  type RowName,
  type SetupLabel,
  USAGE,
} from './options.js';
import { profileTop } from './profile-top.js';
import { medianTable, PRISM, prismAgain, type Row, runTable } from './report.js';
import { measureRss, rssLine } from './rss.js';
import { createSpread } from './spread.js';
import {
  startBareForwarder,
  startCommitFloor,
  startGateway,
  startPrismProxy,
  type Target,
} from './targets.js';

const options = readOptions();
const { full, runs: RUNS } = options;
const SECONDS = full ? 8 : 3;
const WARM_UP_SECONDS = full ? 3 : 1;
const RSS_CREATES = full ? 20_000 : 2_000;
// V8 grows the heap to its working size over the first tens of thousands of creates under load; a leak
// shows as growth after that, so the RSS row starts after this many creates. Measured on Postgres once
// creates were group-committed (2026-12-01, a scratch run of 20,000-create phases at 32 connections): RSS
// at the end of each phase 234, 225, 227, 241, 242 and 241 MiB, the medians of its readings 201, 197,
// 205, 238, 241 and 242 MiB: the heap settles after about 60,000 creates, where 20,000 had been enough
// while creates were slower (173 MiB after 2,000 creates, 280 after 20,000, then 282–285 up to 50,000),
// and a full run's first Postgres RSS row after 20,000 measured +19.7% (218 → 262 MiB, then no higher).
const RSS_WARM_UP = full ? 60_000 : 1_000;
const CONNECTIONS = 32;
const COMMIT_FLOOR = 'bare Node server: Postgres commit, 1LINK call, Postgres commit';
const KEY = 'bench-key-0123456789abcdef';
const root = fileURLToPath(new URL('../../../', import.meta.url));

const measure = measurer({ seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, connections: CONNECTIONS });

const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
const { onlyGateway, rows: ROWS, setups: SETUPS } = options;
const variants = [
  { root, suffix: '' },
  ...(options.baseline ? [{ root: options.baseline, suffix: ' (baseline)' }] : []),
];
const started: Target[] = [];
// No journal: a run sends it hundreds of thousands of requests, and kept ones would grow this process.
const fake = await startFakeOneLink({ journal: false });
const postgres = await freshPostgres();
const runs: Row[][] = [];
const memory: string[] = [];
try {
  const token = (await (
    await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=bench-client&client_secret=bench-secret',
    })
  ).json()) as { access_token: string };
  const upstreamLoad = (url: string): Load => ({
    url: `${url}/generateDQRCMerchant`,
    headers: {
      'content-type': 'application/json',
      'x-ibm-client-id': 'bench-client',
      authorization: `Bearer ${token.access_token}`,
    },
    body: JSON.stringify(fullMerchantRequest({ stan: '123456', rrn: '123456789012' })),
  });

  /** Prism's validating proxy in its own process, started for the row(s) and stopped after. */
  const measurePrism = async (name: string, rows: Row[], oneConnectionToo: boolean) => {
    const proxy = await startPrismProxy(root, join(root, 'spec/1link-p2m-qr.yaml'), fake.url);
    started.push(proxy);
    await measure(name, { ...upstreamLoad(proxy.url), pid: proxy.pid }, rows);
    // What a validating proxy's one-connection latency is on this machine, beside the gateway's.
    if (oneConnectionToo) {
      await measure(
        `${name}, 1 connection`,
        { ...upstreamLoad(proxy.url), pid: proxy.pid, connections: 1 },
        rows,
      );
    }
    await proxy.stop();
  };

  console.error(
    `gateway bench (${full ? 'full' : 'short'}): ${SECONDS} s per row after ${WARM_UP_SECONDS} s warm-up, ${CONNECTIONS} connections, ${RUNS} run(s)`,
  );
  for (let run = 1; run <= RUNS; run++) {
    const rows: Row[] = [];
    runs.push(rows);
    let floorRow: Row | undefined;
    if (RUNS > 1) console.error(`run ${run} of ${RUNS}`);
    if (!onlyGateway) {
      await measure('fake 1LINK direct', upstreamLoad(fake.url), rows);
      // The floor of the one-connection rows: the load generator and the fake share this process.
      await measure('fake 1LINK direct, 1 connection', { ...upstreamLoad(fake.url), connections: 1 }, rows);
      const forwarder = await startBareForwarder(fake.url);
      started.push(forwarder);
      await measure('bare Node forwarder (http.request, keep-alive)', upstreamLoad(forwarder.url), rows);
      await measurePrism(PRISM, rows, true);
      if (postgres) {
        // The floor under a one-connection create on Postgres: two commits and the 1LINK call in turn.
        const floor = await startCommitFloor(root, fake.url, postgres.url);
        started.push(floor);
        floorRow = await measure(
          `${COMMIT_FLOOR}, 1 connection`,
          { ...upstreamLoad(floor.url), pid: floor.pid, connections: 1 },
          rows,
        );
        await floor.stop();
      }
    }

    // Each gateway set-up: a label, its database, extra settings, and the rows it is measured on.
    const sqlite = (name: string) => `sqlite:${join(dir, `${name}-${run}.sqlite`)}`;
    const backends: Array<{
      label: SetupLabel;
      database: string;
      env?: Record<string, string>;
      only?: readonly RowName[];
    }> = [
      { label: 'SQLite', database: sqlite('one') },
      {
        label: 'SQLite synchronous=FULL',
        database: sqlite('full'),
        env: { GATEWAY_SQLITE_SYNCHRONOUS: 'full' },
        only: ['create', 'create1'],
      },
      {
        label: 'SQLite 2 workers',
        database: sqlite('workers'),
        env: { GATEWAY_WORKERS: '2' },
        only: ['create', 'create1', 'replay', 'get'],
      },
    ];
    if (postgres) {
      backends.push({ label: 'Postgres', database: postgres.url });
      backends.push({
        label: 'Postgres 2 workers',
        database: postgres.url,
        env: { GATEWAY_WORKERS: '2' },
        only: ['create', 'create1', 'replay', 'get'],
      });
    }
    const runsOf = backends.flatMap((backend) =>
      SETUPS && !SETUPS.has(backend.label) ? [] : variants.map((variant) => ({ ...backend, variant })),
    );
    for (const [index, { label: setup, database, env = {}, only = ROW_NAMES, variant }] of runsOf.entries()) {
      const label = `${setup}${variant.suffix}`;
      const want = (row: RowName) => ROWS.has(row) && only.includes(row);
      // Prism again, so that this set-up's ratios are to a Prism the machine ran at the same speed
      // (report.ts); the first set-up follows the Prism rows above.
      const compared = only.some((row) => row !== 'rss' && want(row)); // every row but RSS has a ratio
      if (!onlyGateway && index > 0 && compared) await measurePrism(prismAgain(label), rows, false);
      const gateway = await startGateway(
        variant.root,
        {
          ...env,
          // A baseline gets a SQLite file of its own; on Postgres both use the run's schema.
          DATABASE_URL: variant.suffix === '' ? database : database.replace(/\.sqlite$/, '-baseline.sqlite'),
          GATEWAY_API_KEYS: KEY,
          ONELINK_BASE_URL: fake.url,
          ONELINK_TOKEN_URL: fake.tokenUrl,
          ONELINK_CLIENT_ID: 'bench-client',
          ONELINK_CLIENT_SECRET: 'bench-client-secret-value',
          LOG_LEVEL: 'info',
        },
        join(dir, `${label.replace(/\W+/g, '-')}-${run}.log`),
        process.env.BENCH_CPU_PROF,
      );
      started.push(gateway);
      const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
      const create: Load = {
        url: `${gateway.url}/v1/qr/merchant`,
        headers,
        body: JSON.stringify(gatewayMerchantRequest()),
        pid: gateway.pid,
      };
      if (want('create')) await measure(`gateway ${label}: create`, create, rows);
      if (want('create1')) {
        const one = await measure(
          `gateway ${label}: create, 1 connection`,
          { ...create, connections: 1 },
          rows,
        );
        if (postgres && label === 'Postgres' && floorRow?.cpuMs !== undefined && one.cpuMs !== undefined) {
          // The floor again, spending the CPU per create the gateway spent beyond the floor's own, in
          // this run: the one-connection latency the gateway's CPU alone accounts for (commit-floor.ts).
          // A process's CPU time counts V8's helper threads too, so this busies the floor's one thread
          // for at least as long as the gateway's own thread worked: an upper estimate.
          const extra = Math.max(0, one.cpuMs - floorRow.cpuMs);
          const busyFloor = await startCommitFloor(root, fake.url, postgres.url, extra);
          started.push(busyFloor);
          await measure(
            `${COMMIT_FLOOR}, busy for the gateway's extra CPU, 1 connection`,
            { ...upstreamLoad(busyFloor.url), pid: busyFloor.pid, connections: 1 },
            rows,
          );
          await busyFloor.stop();
        }
      }
      // Replays and GETs drawn at random from transactions of their own (spread.ts).
      const spread =
        want('replay') || want('get')
          ? await createSpread(create.url, create.headers ?? {}, create.body ?? '', `${label}-${run}`)
          : [];
      if (want('replay')) {
        await measure(
          `gateway ${label}: idempotent replay`,
          { ...create, spread: spread.map(({ key }) => ({ headers: { 'idempotency-key': key } })) },
          rows,
        );
      }
      if (want('get')) {
        await measure(
          `gateway ${label}: GET /v1/qr/{id}`,
          {
            url: `${gateway.url}/v1/qr/${spread[0]!.id}`,
            method: 'GET',
            headers,
            pid: gateway.pid,
            spread: spread.map(({ id }) => ({ path: `/v1/qr/${id}` })),
          },
          rows,
        );
      }
      if (!want('rss')) {
        await gateway.stop();
        continue;
      }
      const phases = await measureRss({
        label,
        create,
        connections: CONNECTIONS,
        warmUpCreates: RSS_WARM_UP,
        creates: RSS_CREATES,
        measure,
        rows,
      });
      memory.push(rssLine(`${RUNS > 1 ? `run ${run}, ` : ''}gateway ${label}`, phases));
      await gateway.stop();
    }
  }

  console.log(
    `\n${new Date().toISOString()} · ${hostname()} · ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · ${full ? 'full' : 'short'} mode\n`,
  );
  console.log(RUNS === 1 ? runTable(runs[0]!) : medianTable(runs));
  console.log(`\n${memory.join('\n')}`);
  if (RUNS > 1) for (const [i, rows] of runs.entries()) console.log(`\nrun ${i + 1}\n\n${runTable(rows)}`);
  if (runs.flat().some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  for (const target of started.reverse()) await target.stop();
  await fake.stop();
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
}
const profiles = process.env.BENCH_CPU_PROF;
if (profiles) {
  // The largest file per gateway process is its main thread (the others are loader threads).
  for (const file of readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile') && f.includes('.0.'))) {
    console.log(`\n${profileTop(join(profiles, file))}`);
  }
}

/** The run's options, or the usage (`--help`) or a refusal naming the flag or variable, then exit. */
function readOptions(): BenchOptions {
  try {
    const parsed = parseBenchOptions(process.argv.slice(2), process.env);
    if (parsed !== 'help') return parsed;
    process.stdout.write(USAGE);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench:gateway: ${error.message}`);
    process.exit(2);
  }
}
