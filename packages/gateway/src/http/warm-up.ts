import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { document } from '@onelink-kit/generated/gateway';
import type { Express } from 'express';
import { type ApiKeySet, parseApiKeys } from '../api-keys.js';
import { expressServer } from './express-server.js';

/**
 * express-openapi-validator compiles a route's request and response validators on its first
 * request. Sending one cheap request per route at start-up (bodies the route refuses, unknown ids: no
 * upstream call, no row written) moves that cost out of the first real caller's latency.
 * The warm-up key is random, valid only until warm-up ends, and never leaves the process.
 */
export function withWarmUpKey(keys: ApiKeySet): { keys: ApiKeySet; key: string; done(): void } {
  const key = `warmup_${randomBytes(24).toString('base64url')}`;
  const warm = parseApiKeys(key);
  let active = true;
  return {
    key,
    keys: {
      get size() {
        return keys.size;
      },
      verify(presented) {
        // After warm-up every key is compared against the configured set only: the same work for
        // any key, and one sha256 per request instead of two (half the key check's CPU in a GET
        // profile of `pnpm bench:gateway`).
        if (!active) return keys.verify(presented);
        const regular = keys.verify(presented);
        // During warm-up, against both sets so timing does not depend on which one matches.
        const warmUp = warm.verify(presented);
        if (regular) return regular;
        return warmUp ? { id: 'warmup', admin: false } : undefined;
      },
    },
    done() {
      active = false;
    },
  };
}

const UNKNOWN_ID = `qr_${'0'.repeat(32)}`;

/**
 * The spec's own example create body without its expiry: the OpenAPI check passes it and the route
 * itself refuses it ("give expiresAt or expiresInSeconds"), before a row, an RRN or a 1LINK call.
 */
function refusedByRoute(example: object): string {
  const { expiresAt: _at, expiresInSeconds: _in, ...rest } = example as Record<string, unknown>;
  return JSON.stringify(rest);
}

const { CreateMerchantQrRequestExample: merchant, CreateAggregatorQrRequestExample: aggregator } =
  document.components.examples;

/**
 * One request per route, each answered by the route itself: the library checks a response against the
 * spec only when a route answers it (not when it refused the request itself), and compiles all of a
 * route's response validators on the first such answer. Requests it refused had left that to the first
 * real caller (measured: about 105 ms of the first create after start-up, 50 ms of the first list).
 * None writes a row or calls 1LINK: creates the route refuses, unknown ids, the caller's own empty list.
 */
export function warmUpRequests(key: string): Array<[path: string, init: RequestInit]> {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  return [
    ['/v1/qr/merchant', { method: 'POST', headers, body: refusedByRoute(merchant.value) }],
    ['/v1/qr/aggregator', { method: 'POST', headers, body: refusedByRoute(aggregator.value) }],
    [`/v1/qr/${UNKNOWN_ID}`, { headers }],
    [`/v1/qr/${UNKNOWN_ID}/image.png`, { headers }],
    [`/v1/qr/${UNKNOWN_ID}/image.svg`, { headers }],
    ['/v1/transactions?limit=1', { headers }],
    ['/healthz', {}],
    ['/readyz', {}],
  ];
}

export async function warmUp(baseUrl: string, key: string): Promise<void> {
  await Promise.all(
    warmUpRequests(key).map(async ([path, init]) => {
      const res = await fetch(`${baseUrl}${path}`, init);
      await res.arrayBuffer();
    }),
  );
}

/**
 * Warms `app` up on a listener of its own: 127.0.0.1, a port the OS picks, `exclusive` so that in a
 * worker pool it is this worker's socket and not the pool's shared one. Closed when done.
 */
export async function warmUpPrivately(app: Express, key: string): Promise<void> {
  const server = expressServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve);
  });
  try {
    await warmUp(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, key);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
