import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 127.0.0.1 port that was free a moment ago (bound, then released), for a child process to listen on. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The URL of a 127.0.0.1 port nothing listens on, for connection-refused cases. */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
