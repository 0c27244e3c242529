import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
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
  const dir = mkdtempSync(join(tmpdir(), 'gateway-app-'));
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'gateway.sqlite')}`,
    GATEWAY_API_KEYS: `${API_KEY},${OTHER_KEY}`,
    ONELINK_BASE_URL: upstreamUrl,
    ONELINK_TOKEN_URL: `${upstreamUrl}/oauth2/token`,
    ONELINK_CLIENT_ID: 'test-client',
    ONELINK_CLIENT_SECRET: 'test-client-secret-value',
    ONELINK_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, { logger: createGatewayLogger('debug', sink) });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...gateway,
    logs,
    async cleanup() {
      await gateway.close(1_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const merchantRequest = {
  merchantDetails: {
    dbaName: 'Karachi Chai Corner',
    merchantName: 'Chai Corner (Private) Limited',
    iban: 'PK36SCBL0000001123456702',
    bankBic: 'SCBLPK',
    merchantCategoryCode: '5812',
    merchantID: 'MER0000123',
    postalAddress: { townName: 'Karachi', addressLine: 'Shop 4, Block 2, Clifton', subDept: '0001' },
  },
  payerDetails: {
    additionalRequiredDetails: 'M',
    identificationDetails: { loyaltyNo: 'LOY12345', customerLabel: 'CUST001' },
  },
  amount: 310,
  expiresInSeconds: 900,
  reference: 'order-1001',
};

export const aggregatorRequest = {
  merchantDetails: { merchantID: 'AGG0000456', subDept: '0001' },
  contactDetails: { merchantChannelId: 'AGGREGATOR-APP-01' },
  payerDetails: { identificationDetails: { loyaltyNo: 'LOY98765', customerLabel: 'CUST002' } },
  amount: 310,
  expiresInSeconds: 900,
  reference: 'invoice-77',
};
