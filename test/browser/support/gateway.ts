import { createGatewayLogger, parseConfig, type RunningGateway, startGateway } from '@onelink-kit/gateway';
import {
  type FakeOneLink,
  gatewayMerchantRequest,
  makeTempDir,
  startFakeOneLink,
} from '@onelink-kit/testkit';

/** Two shops and the reconciliation team (admin: sees every caller's rows). */
export const KEYS = {
  shopA: 'shop-a-browser-key-0123456789',
  shopB: 'shop-b-browser-key-0123456789',
  admin: 'recon-browser-key-0123456789',
};

// The gateway spec's merchant example; the amount is large enough to show the lakh grouping
// (Rs. 1,25,000.00) the console formats.
export const merchantRequest = { ...gatewayMerchantRequest(), amount: 125_000 };

/** A JSON answer of the gateway (a QR transaction, a page of the export or a problem). */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface PagesGateway {
  url: string;
  gateway: RunningGateway;
  fake: FakeOneLink;
  /** Calls the gateway's API with a key, as a shop's own system would. */
  api(key: string, path: string, init?: { method?: string; body?: unknown }): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

/** The gateway in this process on 127.0.0.1:0 over the testkit's fake 1LINK, SQLite in a temp dir. */
export async function startPagesGateway(): Promise<PagesGateway> {
  const fake = await startFakeOneLink();
  const dir = makeTempDir('gateway-pages-');
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${dir.join('gateway.sqlite')}`,
    GATEWAY_API_KEYS: `shop-a=${KEYS.shopA}, shop-b=${KEYS.shopB}`,
    GATEWAY_ADMIN_KEYS: `recon=${KEYS.admin}`,
    ONELINK_BASE_URL: fake.url,
    ONELINK_TOKEN_URL: fake.tokenUrl,
    ONELINK_CLIENT_ID: 'pages-client',
    ONELINK_CLIENT_SECRET: 'pages-client-secret-value',
    ONELINK_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'silent',
  });
  const gateway = await startGateway(config, { logger: createGatewayLogger('silent') });
  const url = gateway.url;
  return {
    url,
    gateway,
    fake,
    async api(key, path, init = {}) {
      const response = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
    },
    async stop() {
      await gateway.close(1_000);
      await fake.stop();
      dir.remove();
    },
  };
}
