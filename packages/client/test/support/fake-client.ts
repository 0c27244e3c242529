import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import { afterEach, beforeEach } from 'vitest';
import { createOneLinkClient, type OneLinkClient, type OneLinkClientOptions } from '../../src/index.js';

/** A client of the testkit's fake 1LINK with test credentials; `overrides` change any option. */
export function clientOfFake(
  upstream: FakeOneLink,
  overrides: Partial<OneLinkClientOptions> = {},
): OneLinkClient {
  return createOneLinkClient({
    baseUrl: `${upstream.url}/1Link`,
    tokenUrl: upstream.tokenUrl,
    clientId: 'test-client-id',
    clientSecret: 'test-client-secret',
    ...overrides,
  });
}

/**
 * A fake 1LINK started before each test of the file and stopped after it, and a client of it whose
 * retries record their sleeps instead of waiting (`sleeps`) and draw no jitter. Read the fields inside
 * tests.
 */
export function fakeForEachTest() {
  let fake: FakeOneLink | undefined;
  let sleeps: number[] = [];
  beforeEach(async () => {
    fake = await startFakeOneLink();
    sleeps = [];
  });
  afterEach(async () => {
    await fake?.stop();
  });
  const kit = {
    get upstream(): FakeOneLink {
      if (fake === undefined) throw new Error('fakeForEachTest: read upstream inside a test');
      return fake;
    },
    /** The delays the client's retries asked for, in order (ms). */
    get sleeps(): number[] {
      return sleeps;
    },
    client(overrides: Partial<OneLinkClientOptions> = {}): OneLinkClient {
      return clientOfFake(kit.upstream, {
        retry: { maxAttempts: 3, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
        ...overrides,
      });
    },
    /** The STAN and RRN of the i-th QR request the fake received. */
    sentInfo(i: number): { stan: string; rrn: string } {
      const body = JSON.parse(kit.upstream.requests('qr')[i]!.text) as {
        info: { stan: string; rrn: string };
      };
      return body.info;
    },
  };
  return kit;
}
