import { beforeAll, inject } from 'vitest';

/** The Prism mock a test file uses. */
export interface FileMock {
  readonly url: string;
}

/**
 * The run's Prism mock of a spec (file name without .yaml), exactly as `pnpm mock` serves it
 * (repository spec + fixtures) on a port of its own: started by the first test file that asks (see
 * mock-broker.ts) and shared with every other, since it keeps no state. Read `url` inside the tests
 * (it exists once beforeAll has run). A file that needs other fixtures starts its own with
 * startSpecMockForTest.
 */
export function sharedMock(specName: string): FileMock {
  let url: string | undefined;
  beforeAll(async () => {
    const res = await fetch(`${inject('mockBroker')}/${encodeURIComponent(specName)}`);
    const text = await res.text();
    if (!res.ok) throw new Error(`the ${specName} mock did not start: ${text}`);
    url = text;
  }, 120_000);
  return {
    get url() {
      if (url === undefined) throw new Error('the mock is found in beforeAll: read it inside a test');
      return url;
    },
  };
}
