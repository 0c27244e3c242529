// The floor under a gateway create on Postgres, as its own process (`pnpm bench:gateway` starts it):
// a bare Node server that does only what a create's promises require in turn — commit a pending row,
// call 1LINK, commit the outcome, answer — with none of the gateway's checks, logging or mapping. Its
// one-connection row is the latency of those three round trips on the machine, beside the gateway's.
// Arguments: the fake 1LINK's URL, the Postgres URL (a schema of the bench's own) and, optionally, a
// number of milliseconds of CPU to spend per request; it prints its URL.
//
// With that CPU, spent as a busy wait in four equal parts where the gateway does its own work (before
// the pending row, before the 1LINK call, before the outcome, before the answer), the row shows what
// a create that costs the gateway's CPU would take if that CPU were the only difference: how much of
// the gateway's tail is its CPU time, which waits on a busy machine scale with, and how much is not.
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const [upstream, databaseUrl, busyArg = '0'] = process.argv.slice(2);
const busyMs = Number(busyArg);
if (upstream === undefined || databaseUrl === undefined || !(busyMs >= 0)) {
  throw new Error('usage: commit-floor.ts <upstream URL> <Postgres URL> [CPU ms per request, >= 0]');
}
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
// A pending row and its outcome, found by status the way the gateway's recovery finds pending rows.
await db.query(`create table if not exists bench_floor (
  id text primary key, status text not null, request text not null, answer text,
  created_at timestamptz not null default now())`);
await db.query('create index if not exists bench_floor_status on bench_floor (status, created_at)');
const insert = {
  name: 'floor-insert',
  text: "insert into bench_floor (id, status, request) values ($1, 'pending', $2)",
};
const update = {
  name: 'floor-update',
  text: "update bench_floor set status = 'done', answer = $2 where id = $1",
};

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const { hostname, port } = new URL(upstream);

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
    });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

function forward(
  path: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const out = request({ agent, hostname, port, method: 'POST', path, headers }, (answer) => {
      readAll(answer).then((text) => resolve({ status: answer.statusCode ?? 502, body: text }), reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** A quarter of the CPU asked for per request, spent on this thread as the gateway's own work is. */
function busy(): void {
  if (busyMs === 0) return;
  const until = performance.now() + busyMs / 4;
  while (performance.now() < until) {
    // Busy: the point is the time on the CPU.
  }
}

// One pg client: requests queue on it in turn, as on one connection (the rows it serves have one).
const server = createServer((req, res) => {
  (async () => {
    const body = await readAll(req);
    const id = randomUUID();
    busy();
    await db.query({ ...insert, values: [id, body] });
    busy();
    const answer = await forward(req.url ?? '/', req.headers, body);
    busy();
    await db.query({ ...update, values: [id, answer.body] });
    busy();
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  })().catch(() => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  agent.destroy();
  db.end().finally(() => process.exit(0));
});
