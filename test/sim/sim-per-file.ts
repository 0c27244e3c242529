import { afterAll, beforeAll } from 'vitest';
import { startTestSim, type TestSim } from './sim-helpers.js';

/** The simulator a test file shares, and the base URL of the API the file tests. */
export interface FileSim {
  readonly sim: TestSim;
  readonly base: string;
}

/**
 * One simulator for a whole test file: started before its first test, stopped after its last. Read
 * `sim` and `base` inside the tests (they exist once beforeAll has run).
 */
export function simPerFile(api: string, options: Parameters<typeof startTestSim>[0] = {}): FileSim {
  let running: TestSim | undefined;
  beforeAll(async () => {
    running = await startTestSim(options);
  });
  afterAll(() => running?.stop());
  const started = (): TestSim => {
    if (running === undefined)
      throw new Error('the simulator is started in beforeAll: read it inside a test');
    return running;
  };
  return {
    get sim() {
      return started();
    },
    get base() {
      return started().url(api);
    },
  };
}
