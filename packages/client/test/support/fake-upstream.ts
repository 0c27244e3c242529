import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake 1LINK answers: a JSON reply, a dropped connection, or silence (for timeouts). */
export type FakeReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'reset'
  | 'hang';

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface FakeUpstream {
  baseUrl: string;
  tokenUrl: string;
  tokenRequests: SeenRequest[];
  apiRequests: SeenRequest[];
  /** Answers token requests; default: a fresh token valid for an hour. */
  onToken: (req: SeenRequest, n: number) => FakeReply;
  /** Answers API requests; default: success echoing stan/rrn. */
  onApi: (req: SeenRequest, n: number) => FakeReply;
  close(): Promise<void>;
}

export function qrSuccess(req: SeenRequest): FakeReply {
  const body = JSON.parse(req.text) as {
    info?: { stan: string; rrn: string };
    payerDetails?: { info?: { stan: string; rrn: string } };
  };
  const info = body.info ?? body.payerDetails?.info;
  return {
    status: 200,
    headers: { 'x-global-transaction-id': `gtid-${info?.rrn}` },
    body: {
      responseCode: '00',
      responseDescription: 'Processed OK',
      stan: info?.stan,
      rrn: info?.rrn,
      qrString: '00020101021263041D2A',
    },
  };
}

/** A local stand-in for 1LINK on 127.0.0.1 and a random port. Close it in afterEach. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const sockets = new Set<Socket>();
  const fake: FakeUpstream = {
    baseUrl: '',
    tokenUrl: '',
    tokenRequests: [],
    apiRequests: [],
    onToken: (_req, n) => ({
      status: 200,
      body: { access_token: `token-${n}`, token_type: 'Bearer', expires_in: 3600 },
    }),
    onApi: (req) => qrSuccess(req),
    close: async () => {},
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      text: Buffer.concat(chunks).toString('utf8'),
    };
    let reply: FakeReply;
    if (seen.path.endsWith('/oauth2/token')) {
      fake.tokenRequests.push(seen);
      reply = fake.onToken(seen, fake.tokenRequests.length);
    } else {
      fake.apiRequests.push(seen);
      reply = fake.onApi(seen, fake.apiRequests.length);
    }
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}/1Link`;
  fake.tokenUrl = `http://127.0.0.1:${port}/oauth2/token`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}

/** A port nothing listens on (bound, then released), for connection-refused cases. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
