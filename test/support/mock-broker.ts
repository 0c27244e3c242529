import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { TestMock } from './onelink-mock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's mock broker: GET /<spec name> answers that spec's Prism mock URL. */
    mockBroker: string;
  }
}

/**
 * Global setup of the workspace project: one Prism mock per spec for the whole run, started when a
 * test file first asks for it (sharedMock in shared-mock.ts) and stopped after the last file. Prism
 * takes ~2 s of CPU to start and the mock serves recorded fixtures without state, so the files that
 * used to start one each now share it; a run that asks for none starts none. The files run in
 * worker processes, so they ask this process over loopback.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mocks = new Map<string, Promise<TestMock>>();
  const mockOf = async (name: string): Promise<TestMock> => {
    let mock = mocks.get(name);
    if (mock === undefined) {
      const { startSpecMockForTest } = await import('./onelink-mock.js');
      mock = startSpecMockForTest(name);
      mocks.set(name, mock);
      // A failed start is reported to the file that asked and retried by the next one.
      mock.catch(() => mocks.delete(name));
    }
    return mock;
  };
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    mockOf(name).then(
      (mock) => res.end(mock.url),
      (error: unknown) => {
        res.statusCode = 500;
        res.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('mockBroker', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    server.close();
    server.closeAllConnections();
    for (const mock of mocks.values()) await (await mock.catch(() => undefined))?.stop();
  };
}
