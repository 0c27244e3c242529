import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The URL of a 127.0.0.1 port nothing listens on (bound, then released), for connection-refused cases. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
