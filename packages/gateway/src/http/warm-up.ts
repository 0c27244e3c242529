import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { type ApiKeySet, parseApiKeys } from '../api-keys.js';
import { expressServer } from './express-server.js';

/**
 * express-openapi-validator compiles a route's request and response validators on its first
 * request. Sending one cheap request per route at start-up (invalid bodies, unknown ids: no
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

export async function warmUp(baseUrl: string, key: string): Promise<void> {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const requests: Array<[string, RequestInit]> = [
    ['/v1/qr/merchant', { method: 'POST', headers, body: '{}' }],
    ['/v1/qr/aggregator', { method: 'POST', headers, body: '{}' }],
    [`/v1/qr/${UNKNOWN_ID}`, { headers }],
    [`/v1/qr/${UNKNOWN_ID}/image.png`, { headers }],
    [`/v1/qr/${UNKNOWN_ID}/image.svg`, { headers }],
    ['/v1/transactions?status=none', { headers }],
    ['/healthz', {}],
    ['/readyz', {}],
  ];
  await Promise.all(
    requests.map(async ([path, init]) => {
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
