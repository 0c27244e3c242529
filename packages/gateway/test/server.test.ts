import { fileURLToPath } from 'node:url';
import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest, startTestGateway } from './support/gateway-harness.js';

let fake: FakeOneLink;
beforeAll(async () => {
  fake = await startFakeOneLink();
  fake.always('qr', { delayMs: 400 });
});
afterAll(async () => {
  await fake?.stop();
});

describe('startGateway', () => {
  it('graceful shutdown: the in-flight request completes and is stored, then the port and database close', async () => {
    const gw = await startTestGateway(fake.url);
    const inFlight = fetch(`${gw.url}/v1/qr/merchant`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(merchantRequest),
    });
    while (fake.calls.merchant === 0) await new Promise((r) => setTimeout(r, 10));
    const closing = gw.close(5_000);
    const res = await inFlight;
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string };
    await closing;
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
    await expect(gw.db.raw('select 1')).rejects.toThrow();
    // The outcome was written before the database closed.
    const reopened = await startTestGatewayOn(gw);
    try {
      expect((await reopened.store.findById(body.id))?.status).toBe('succeeded');
    } finally {
      await reopened.cleanup();
    }
  });

  it('a busy port fails start-up with EADDRINUSE and releases the database', async () => {
    const first = await startTestGateway(fake.url);
    try {
      const port = new URL(first.url).port;
      await expect(startTestGateway(fake.url, { PORT: port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.cleanup();
    }
  });

  // Nothing listens on 127.0.0.1:1; a path under a regular file cannot be created.
  const unopenable = [
    {
      given: 'postgres://gw:pw-not-to-print@127.0.0.1:1/gateway',
      want: /^DATABASE_URL: cannot open Postgres gw@127\.0\.0\.1:1\/gateway: .*ECONNREFUSED/,
    },
    {
      given: `sqlite:${fileURLToPath(import.meta.url)}/gateway.sqlite`,
      want: /^DATABASE_URL: cannot open SQLite file .*server\.test\.ts\/gateway\.sqlite: .*(EEXIST|ENOTDIR)/,
    },
  ];
  it.each(unopenable)('an unopenable database names DATABASE_URL: $given', async ({ given, want }) => {
    const error = await startTestGateway(fake.url, { DATABASE_URL: given }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(want);
    expect(error?.message).not.toContain('pw-not-to-print');
  });

  it('the metrics start from zero after the start-up warm-up', async () => {
    const gw = await startTestGateway(fake.url);
    try {
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      expect(text).not.toMatch(/gateway_http_requests_total\{/);
    } finally {
      await gw.cleanup();
    }
  });
});

/** A second gateway on the first one's (closed) SQLite file. */
async function startTestGatewayOn(previous: Awaited<ReturnType<typeof startTestGateway>>) {
  const filename = (previous.db.client.config.connection as { filename: string }).filename;
  return startTestGateway(fake.url, { DATABASE_URL: `sqlite:${filename}` });
}
