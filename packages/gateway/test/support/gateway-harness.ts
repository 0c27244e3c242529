import {
  captureLogs,
  gatewayAggregatorRequest,
  gatewayMerchantRequest,
  makeTempDir,
} from '@onelink-kit/testkit';
import { parseConfig } from '../../src/config.js';
import { createGatewayLogger } from '../../src/logger.js';
import { type RunningGateway, startGateway } from '../../src/server.js';
import type { Database } from '../../src/storage/database.js';

export const API_KEY = 'test-key-0123456789abcdef';
export const OTHER_KEY = 'other-key-0123456789abcdef';

/** A gateway on 127.0.0.1:0 with a temp SQLite file (or a given DATABASE_URL), logs captured. */
export async function startTestGateway(
  upstreamUrl: string,
  env: Record<string, string> = {},
): Promise<RunningGateway & { logs: string[]; cleanup(): Promise<void>; db: Database }> {
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

/** The gateway spec's request examples (see @onelink-kit/testkit), shared by this package's tests. */
export const merchantRequest = gatewayMerchantRequest();
export const aggregatorRequest = gatewayAggregatorRequest();
