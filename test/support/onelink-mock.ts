import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultLayout, type RunningMocks, startMocks } from '@onelink-kit/mock';

export interface TestMock {
  url: string;
  stop(): Promise<void>;
}

/**
 * The mock of one spec (file name without .yaml) exactly as `pnpm mock` serves it (repository spec +
 * fixtures), but built into a temp dir and listening on an OS-chosen port on 127.0.0.1. Call `stop()`
 * in afterAll; it also removes the build output. Prism takes seconds to start: a file that serves the
 * repository's fixtures uses the run's shared one instead (sharedMock in shared-mock.ts).
 * `fixturesDir` serves other fixtures than mock/fixtures (e.g. freshly recorded ones).
 */
export async function startSpecMockForTest(
  specName: string,
  options: { fixturesDir?: string } = {},
): Promise<TestMock> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'onelink-mock-'));
  const layout = { ...defaultLayout(), outDir, ...options };
  let running: RunningMocks | undefined;
  try {
    running = await startMocks({ layout, basePort: 0, only: [specName] });
  } catch (err) {
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  }
  const mock = running.mocks[0];
  if (!mock) {
    await running.stop();
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`spec/${specName}.yaml is missing or not mocked (no x-onelink-mock-port-offset)`);
  }
  return {
    url: mock.server.url,
    stop: async () => {
      await running?.stop();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
