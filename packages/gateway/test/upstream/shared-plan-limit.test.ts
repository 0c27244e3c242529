import { randomBytes } from 'node:crypto';
import {
  type FakeOneLink,
  gatewayMerchantRequest,
  type SeenRequest,
  startFakeOneLink,
} from '@onelink-kit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../storage/backends.js';
import { startTestGateway } from '../support/gateway-harness.js';

// The 1LINK plan limit is per application, not per instance: two gateway instances share one count,
// in Postgres or in Redis, in front of a fake 1LINK that records when each call arrived. A burst
// through both must reach 1LINK at no more than the plan's rate. The instances run in this process,
// each with its own limiter, database pool and connections, so they can share only what the store
// shares; the control below proves they do not share a limiter otherwise (two apart send about twice
// the plan). Real processes in a pool are workers.test.ts's.

const KEY = 'shop-a=plan-limit-key-0123456789';
const PRESENTED = 'plan-limit-key-0123456789';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The plan in this test: 5 calls a second; the burst needs eight windows (more windows, less weight on the first one's start-up skew). */
const LIMIT = 5;
const BURST = 40;

/** Most calls that arrived within any `windowMs`. */
function busiestWindow(calls: readonly SeenRequest[], windowMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

let fake: FakeOneLink;
const gateways: Array<{ cleanup(): Promise<void> }> = [];

beforeAll(async () => {
  fake = await startFakeOneLink();
});
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.cleanup();
});
afterAll(async () => {
  await fake?.stop();
});

/** The environment both instances share; DATABASE_URL unset: each its own SQLite file. */
function gatewayEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GATEWAY_API_KEYS: KEY,
    ONELINK_TOKEN_URL: fake.tokenUrl,
    // A client id per test: the plan's counter is keyed by it, so runs never share a count.
    ONELINK_CLIENT_ID: `plan-${randomBytes(4).toString('hex')}`,
    ONELINK_CLIENT_SECRET: 'plan-client-secret-value',
    ONELINK_RATE_LIMIT: `${LIMIT}/s`,
    GATEWAY_RATE_LIMIT_WAIT_MS: '15000',
    ...extra,
  };
}

/** Gateway instances a and b on `env`; resolves to their URLs. */
async function startPair(env: Record<string, string>): Promise<string[]> {
  const urls: string[] = [];
  for (const name of ['a', 'b']) {
    const gateway = await startTestGateway(fake.url, { ...env, GATEWAY_INSTANCE_ID: name });
    gateways.push(gateway);
    urls.push(gateway.url);
  }
  return urls;
}

async function create(url: string): Promise<number> {
  const res = await fetch(`${url}/v1/qr/merchant`, {
    method: 'POST',
    headers: { authorization: `Bearer ${PRESENTED}`, 'content-type': 'application/json' },
    body: JSON.stringify(gatewayMerchantRequest()),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * One create through each gateway first (each fetches its 1LINK token then, which would hold back
 * the burst's first calls and bunch them up with the next window's), a pause past that window, then
 * the burst through both at once. Returns what 1LINK saw of the burst.
 */
async function burst(
  urls: string[],
): Promise<{ statuses: number[]; calls: SeenRequest[]; ratePerSecond: number }> {
  for (const url of urls) expect(await create(url)).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  const before = fake.requests('qr').length;
  const statuses = await Promise.all(Array.from({ length: BURST }, (_, i) => create(urls[i % urls.length]!)));
  const calls = fake.requests('qr').slice(before);
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  // Calls after the first window, over the time they took: the sustained rate 1LINK saw.
  const spanSeconds = (times[times.length - 1]! - times[0]!) / 1000;
  return { statuses, calls, ratePerSecond: (calls.length - LIMIT) / spanSeconds };
}

function expectWithinPlan(
  result: { statuses: number[]; calls: SeenRequest[]; ratePerSecond: number },
  store: string,
): void {
  expect(result.statuses).toEqual(Array(BURST).fill(201));
  expect(result.calls).toHaveLength(BURST);
  // Two limiters apart would let 2 × 5 = 10 a second through; one shared plan, 5.
  expect(
    result.ratePerSecond,
    `${store}: observed ${result.ratePerSecond.toFixed(2)} calls/s`,
  ).toBeLessThanOrEqual(LIMIT * 1.1);
  console.info(
    `[plan limit] ${store}: ${BURST} creates through 2 gateway instances reached 1LINK at ${result.ratePerSecond.toFixed(2)} calls/s (plan ${LIMIT}/s; busiest second ${busiestWindow(result.calls, 1_000)} calls)`,
  );
}

const backends = await storageBackends();
const pg = backends.find((b) => b.backend.name === 'postgres')!;

describe.skipIf(pg.skip !== undefined)('two gateway instances on one Postgres database', () => {
  it('send a burst to 1LINK within the plan shared through the database', async () => {
    const db = await pg.backend.open();
    try {
      const urls = await startPair(gatewayEnv({ DATABASE_URL: db.databaseUrl }));
      expectWithinPlan(await burst(urls), 'Postgres');
    } finally {
      await db.close();
    }
  });
});

describe('two gateway instances sharing Redis', () => {
  it('send a burst to 1LINK within the plan shared through Redis (each on its own SQLite file)', async () => {
    const urls = await startPair(gatewayEnv({ ONELINK_RATE_LIMIT_REDIS_URL: REDIS_URL }));
    expectWithinPlan(await burst(urls), 'Redis');
  });
});

describe('control: two instances counting apart', () => {
  it('each on its own SQLite file with its in-process limiter sends about twice the plan (what sharing prevents)', async () => {
    const urls = await startPair(gatewayEnv());
    const result = await burst(urls);
    expect(result.statuses).toEqual(Array(BURST).fill(201));
    expect(result.ratePerSecond).toBeGreaterThan(LIMIT * 1.5);
    console.info(
      `[plan limit] apart: ${result.ratePerSecond.toFixed(2)} calls/s with two in-process limiters`,
    );
  });
});
