// The floor under a gateway create on Postgres, as its own process (`pnpm bench:gateway` starts it):
// a bare Node server that does only what a create's promises require in turn — commit a pending row,
// call 1LINK, commit the outcome, answer — with none of the gateway's checks, logging or mapping. Its
// one-connection row is the latency of those three round trips on the machine, beside the gateway's.
// Arguments: the fake 1LINK's URL, the Postgres URL (a schema of the bench's own); it prints its URL.
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const [upstream, databaseUrl] = process.argv.slice(2);
if (upstream === undefined || databaseUrl === undefined) {
  throw new Error('usage: commit-floor.ts <upstream URL> <Postgres URL>');
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

// One pg client: requests queue on it in turn, as on one connection (the rows it serves have one).
const server = createServer((req, res) => {
  (async () => {
    const body = await readAll(req);
    const id = randomUUID();
    await db.query({ ...insert, values: [id, body] });
    const answer = await forward(req.url ?? '/', req.headers, body);
    await db.query({ ...update, values: [id, answer.body] });
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
