import type { FakeOneLink } from '@onelink-kit/testkit';
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
