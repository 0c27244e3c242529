import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  createGatewayLogger,
  parseConfig,
  type RunningGateway,
  startGateway,
} from '@onelink-kit/gateway';
import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';

// A running gateway over the fake 1LINK, on SQLite (a temp file) or Postgres (database `test` on
// 127.0.0.1, a fresh schema dropped afterwards), with row and RRN counters read from its database.

export const FUZZ_KEY = 'fuzz-key-0123456789abcdef';

export interface FuzzTarget {
  port: number;
  gateway: RunningGateway;
  fake: FakeOneLink;
  /** Rows in gateway_transactions. */
  rows(): Promise<number>;
  /** STAN/RRN sequence numbers handed out so far (sum over days). */
  rrns(): Promise<number>;
  close(): Promise<void>;
}

const PG_CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/** The first Postgres URL that answers, or why none did. */
export async function findPostgres(): Promise<{ url?: string; reason: string }> {
  const reasons: string[] = [];
  for (const url of PG_CANDIDATES) {
    const probe = createDatabase({ client: 'postgres', connectionString: url });
    try {
      await probe.raw('select 1');
      return { url, reason: '' };
    } catch (error) {
      reasons.push(`${new URL(url).username}@: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await probe.destroy();
    }
  }
  return { reason: reasons.join('; ') };
}

export async function startFuzzTarget(
  database: { kind: 'sqlite' } | { kind: 'postgres'; url: string },
): Promise<FuzzTarget> {
  const fake = await startFakeOneLink();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-fuzz-'));
  let databaseUrl = `sqlite:${join(dir, 'gateway.sqlite')}`;
  let dropSchema = async () => {};
  if (database.kind === 'postgres') {
    const schema = `gw_fuzz_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = createDatabase({ client: 'postgres', connectionString: database.url });
    await admin.raw('create schema ??', [schema]);
    await admin.destroy();
    databaseUrl = `${database.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    dropSchema = async () => {
      const cleanup = createDatabase({ client: 'postgres', connectionString: database.url });
      await cleanup.raw('drop schema if exists ?? cascade', [schema]);
      await cleanup.destroy();
    };
  }
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GATEWAY_API_KEYS: FUZZ_KEY,
    ONELINK_BASE_URL: fake.url,
    ONELINK_TOKEN_URL: fake.tokenUrl,
    ONELINK_CLIENT_ID: 'fuzz-client',
    ONELINK_CLIENT_SECRET: 'fuzz-client-secret-value',
    ONELINK_TIMEOUT_MS: '5000',
  });
  const gateway = await startGateway(config, { logger: createGatewayLogger('silent') });
  const count = async (query: Promise<Array<Record<string, unknown>>>) => Number((await query)[0]?.n ?? 0);
  return {
    port: gateway.port,
    gateway,
    fake,
    rows: () => count(gateway.db('gateway_transactions').count({ n: '*' })),
    rrns: () => count(gateway.db('gateway_rrn_counters').sum({ n: 'value' })),
    async close() {
      await gateway.close(1_000);
      await fake.stop();
      await dropSchema();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
