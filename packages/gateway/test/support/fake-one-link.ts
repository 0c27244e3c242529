import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build, fieldsFromRequest, type OneLinkQrRequestLike } from '@onelink-kit/emvqr';

/**
 * A local stand-in for 1LINK on 127.0.0.1:0: issues tokens, answers QR operations with a QR built
 * from the request by the project's EMV mapping (so a correct gateway sees no mismatch), and counts
 * every call. `mode` switches behaviour per test: a fixed error answer, or never answering.
 */
export type FakeMode =
  | { kind: 'echo'; delayMs?: number; qrString?: string }
  | { kind: 'answer'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'hang' };

export interface FakeOneLink {
  url: string;
  calls: { token: number; merchant: number; aggregator: number };
  /** Token requests refused because of the client secret. */
  refusedTokens: number;
  bodies: unknown[];
  mode: FakeMode;
  /** When set, the token endpoint accepts only this client secret (401 invalid_client otherwise). */
  clientSecret: string | undefined;
  /** Tokens issued so far answer 401 on QR calls from now on (as after a credential rotation). */
  revokeTokens(): void;
  close(): Promise<void>;
}

const REGISTRY = {
  iban: 'PK13MEZN0001020304050607',
  bankBic: 'MEZNPK',
  merchantCategoryCode: '5942',
  merchantName: 'Lahore Book Depot',
  merchantCity: 'Lahore',
};

export async function startFakeOneLink(mode: FakeMode = { kind: 'echo' }): Promise<FakeOneLink> {
  const hanging = new Set<ServerResponse>();
  const issued = new Set<string>();
  const revoked = new Set<string>();
  const fake: FakeOneLink = {
    url: '',
    calls: { token: 0, merchant: 0, aggregator: 0 },
    refusedTokens: 0,
    bodies: [],
    mode,
    clientSecret: undefined,
    revokeTokens: () => {
      for (const token of issued) revoked.add(token);
    },
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/oauth2/token') {
      fake.calls.token++;
      const secret = new URLSearchParams(body).get('client_secret');
      if (fake.clientSecret !== undefined && secret !== fake.clientSecret) {
        fake.refusedTokens++;
        return json(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
      }
      const token = `fake-token-${fake.calls.token}`;
      issued.add(token);
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    const op =
      req.url === '/generateDQRCMerchant'
        ? 'merchant'
        : req.url === '/generateDQRCAggregator'
          ? 'aggregator'
          : undefined;
    if (op === undefined) return json(res, 404, { httpCode: '404', httpMessage: 'Not Found' });
    fake.calls[op]++;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || revoked.has(bearer)) {
      return json(res, 401, { httpCode: '401', httpMessage: 'Unauthorized' });
    }
    const request = JSON.parse(body || '{}') as OneLinkQrRequestLike & Record<string, unknown>;
    fake.bodies.push(request);
    const current = fake.mode;
    if (current.kind === 'hang') {
      hanging.add(res);
      return;
    }
    if (current.kind === 'answer') return json(res, current.status, current.body, current.headers);
    if (current.delayMs) await new Promise((r) => setTimeout(r, current.delayMs));
    const info = request.info ?? request.payerDetails?.info;
    const payment = request.paymentDetails ?? request.payerDetails?.paymentDetails;
    const qrString =
      current.qrString ??
      build(fieldsFromRequest(request, op === 'aggregator' ? { registry: REGISTRY } : {}));
    return json(res, 200, {
      responseCode: '00',
      responseDescription: 'Processed OK',
      stan: info?.stan,
      rrn: info?.rrn,
      qrString,
      expiryDateTime: payment?.expiryDateTime,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
