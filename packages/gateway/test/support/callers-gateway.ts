import { createHash } from 'node:crypto';
import { captureLogs, type FakeOneLink, makeTempDir, startFakeOneLink } from '@onelink-kit/testkit';
import { parseConfig } from '../../src/config.js';
import { createGatewayLogger } from '../../src/logger.js';
import { type RunningGateway, startGateway } from '../../src/server.js';

/** Keys of the callers in these tests: two shops, a key without a name (today's format) and an admin. */
export const KEYS = {
  shopA: 'shop-a-key-0123456789abcdef',
  shopB: 'shop-b-key-0123456789abcdef',
  legacy: 'legacy-key-0123456789abcdef',
  admin: 'recon-key-0123456789abcdef',
};

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The name an unnamed key gets: its fingerprint, as every key was named before callers had names. */
export const LEGACY_NAME = `key_${sha256Hex(KEYS.legacy).slice(0, 8)}`;

export interface CallersGateway extends RunningGateway {
  fake: FakeOneLink;
  logs: ReturnType<typeof captureLogs>;
  as(key: string): Record<string, string>;
  stop(): Promise<void>;
}

/** A gateway on 127.0.0.1:0 over a fake 1LINK, SQLite in a temp dir, named callers and an admin key. */
export async function startCallersGateway(env: Record<string, string> = {}): Promise<CallersGateway> {
  const fake = await startFakeOneLink();
  const dir = makeTempDir('gateway-callers-');
  const logs = captureLogs();
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${dir.join('gateway.sqlite')}`,
    GATEWAY_API_KEYS: `shop-a=${KEYS.shopA}, shop-b=sha256:${sha256Hex(KEYS.shopB)}, ${KEYS.legacy}`,
    GATEWAY_ADMIN_KEYS: `recon=sha256:${sha256Hex(KEYS.admin)}`,
    ONELINK_BASE_URL: fake.url,
    ONELINK_TOKEN_URL: fake.tokenUrl,
    ONELINK_CLIENT_ID: 'callers-client',
    ONELINK_CLIENT_SECRET: 'callers-client-secret-value',
    ONELINK_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'info',
    ...env,
  });
  const gateway = await startGateway(config, { logger: createGatewayLogger('info', logs.destination) });
  return {
    ...gateway,
    fake,
    logs,
    as: (key) => ({ authorization: `Bearer ${key}` }),
    async stop() {
      await gateway.close(1_000);
      await fake.stop();
      dir.remove();
    },
  };
}
