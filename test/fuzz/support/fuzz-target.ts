import { createGatewayLogger, parseConfig, type RunningGateway, startGateway } from '@onelink-kit/gateway';
import { createTestSchema, type FakeOneLink, makeTempDir, startFakeOneLink } from '@onelink-kit/testkit';

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

export async function startFuzzTarget(
  database: { kind: 'sqlite' } | { kind: 'postgres'; url: string },
): Promise<FuzzTarget> {
  const fake = await startFakeOneLink();
  const dir = makeTempDir('gateway-fuzz-');
  const schema = database.kind === 'postgres' ? await createTestSchema(database.url, 'gw_fuzz') : undefined;
  const databaseUrl = schema?.databaseUrl ?? `sqlite:${dir.join('gateway.sqlite')}`;
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GATEWAY_API_KEYS: FUZZ_KEY,
    ONELINK_BASE_URL: fake.url,
    ONELINK_TOKEN_URL: fake.tokenUrl,
    ONELINK_CLIENT_ID: 'fuzz-client',
    ONELINK_CLIENT_SECRET: 'fuzz-client-secret-value',
    ONELINK_TIMEOUT_MS: '5000',
    // One counter step per RRN, so rrns() counts the RRNs each request spent (a block would hide them).
    GATEWAY_RRN_BLOCK_SIZE: '1',
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
      await schema?.drop();
      dir.remove();
    },
  };
}
