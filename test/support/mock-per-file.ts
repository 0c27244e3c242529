import { afterAll, beforeAll } from 'vitest';
import { startSpecMockForTest, type TestMock } from './onelink-mock.js';

/** The Prism mock a test file shares. */
export interface FileMock {
  readonly url: string;
}

/**
 * One Prism mock of a spec (file name without .yaml) for a whole test file: started before its first
 * test, stopped (and its build output removed) after its last. Read `url` inside the tests (it exists
 * once beforeAll has run).
 */
export function mockPerFile(specName: string): FileMock {
  let running: TestMock | undefined;
  beforeAll(async () => {
    running = await startSpecMockForTest(specName);
  });
  afterAll(() => running?.stop());
  return {
    get url() {
      if (running === undefined) throw new Error('the mock is started in beforeAll: read it inside a test');
      return running.url;
    },
  };
}
