import {
  captureLogs,
  type FakeOneLink,
  type FakeOneLinkOptions,
  gatewayAggregatorRequest,
  gatewayMerchantRequest,
  makeTempDir,
  startFakeOneLink,
} from '@onelink-kit/testkit';
import { afterAll, beforeAll } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createGatewayLogger } from '../../src/logger.js';
import { type RunningGateway, startGateway } from '../../src/server.js';
import type { Database } from '../../src/storage/database.js';

export const API_KEY = 'test-key-0123456789abcdef';
export const OTHER_KEY = 'other-key-0123456789abcdef';

export type TestGateway = RunningGateway & { logs: string[]; cleanup(): Promise<void>; db: Database };

/** A gateway on 127.0.0.1:0 with a temp SQLite file (or a given DATABASE_URL), logs captured. */
export async function startTestGateway(
  upstreamUrl: string,
  env: Record<string, string> = {},
): Promise<TestGateway> {
  const dir = makeTempDir('gateway-app-');
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${dir.join('gateway.sqlite')}`,
    GATEWAY_API_KEYS: `${API_KEY},${OTHER_KEY}`,
    ONELINK_BASE_URL: upstreamUrl,
    ONELINK_TOKEN_URL: `${upstreamUrl}/oauth2/token`,
    ONELINK_CLIENT_ID: 'test-client',
    ONELINK_CLIENT_SECRET: 'test-client-secret-value',
    ONELINK_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logs = captureLogs();
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, { logger: createGatewayLogger('debug', logs.destination) });
  } catch (error) {
    dir.remove();
    throw error;
  }
  return {
    ...gateway,
    logs: logs.lines,
    async cleanup() {
      await gateway.close(1_000);
      dir.remove();
    },
  };
}

/**
 * A fake 1LINK and a test gateway in front of it, started before the tests of the enclosing file (or
 * describe block) and stopped after them. Read `fake` and `gw` from the result inside the tests.
 */
export function gatewayForTests(
  env: Record<string, string> = {},
  fakeOptions: FakeOneLinkOptions = {},
): {
  readonly fake: FakeOneLink;
  readonly gw: TestGateway;
} {
  let fake: FakeOneLink | undefined;
  let gw: TestGateway | undefined;
  beforeAll(async () => {
    fake = await startFakeOneLink(fakeOptions);
    gw = await startTestGateway(fake.url, env);
  });
  afterAll(async () => {
    await gw?.cleanup();
    await fake?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('gatewayForTests: read fake and gw inside a test');
    return value;
  };
  return {
    get fake() {
      return started(fake);
    },
    get gw() {
      return started(gw);
    },
  };
}

/** The gateway spec's request examples (see @onelink-kit/testkit), shared by this package's tests. */
export const merchantRequest = gatewayMerchantRequest();
export const aggregatorRequest = gatewayAggregatorRequest();
