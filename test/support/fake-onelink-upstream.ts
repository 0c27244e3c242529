import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  build,
  fieldsFromRequest,
  type MerchantRegistryEntry,
  type OneLinkQrRequestLike,
} from '@onelink-kit/emvqr';

/**
 * A stand-in for 1LINK (token endpoint + both QR operations) on 127.0.0.1, for the recorder's end-to-end
 * test: never the sandbox. Behaves like spec/1link-p2m-qr.yaml describes 1LINK: OAuth2 errors on the token endpoint,
 * API Connect bodies for 401, response codes 12/94 for validation and duplicate RRN, and QR payloads
 * built from the request with the project's EMV mapping.
 */
export interface FakeUpstream {
  /** API base, e.g. `http://127.0.0.1:PORT`; the token endpoint is `${url}/oauth2/token`. */
  url: string;
  /** Every request received (method + path + status), for assertions on pacing and order. */
  log: { method: string; path: string; status: number; at: number }[];
  /** Most requests ever being handled at the same time (the recorder must keep this at 1). */
  maxInFlight(): number;
  close(): Promise<void>;
}

export interface FakeUpstreamOptions {
  clientId: string;
  clientSecret: string;
  /** Aggregator merchants 1LINK "knows"; unknown IDs get response code 12. */
  registry?: Record<string, MerchantRegistryEntry>;
}

const DEFAULT_REGISTRY: Record<string, MerchantRegistryEntry> = {
  SIMAGG0001: {
    iban: 'PK53SIMA0000009876543210',
    bankBic: 'SIMAPK',
    merchantCategoryCode: '5942',
    merchantName: 'Simulated Book Depot Lahore',
    merchantCity: 'Lahore',
  },
};

function ibanChecks(iban: string): boolean {
  if (!/^PK[0-9]{2}[A-Z]{4}[0-9]{16}$/.test(iban)) return false;
  const numeric = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) =>
    String(c.charCodeAt(0) - 55),
  );
  let rem = 0;
  for (const d of numeric) rem = (rem * 10 + Number(d)) % 97;
  return rem === 1;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOneLinkUpstream(options: FakeUpstreamOptions): Promise<FakeUpstream> {
  const registry = options.registry ?? DEFAULT_REGISTRY;
  const tokens = new Set<string>();
  const usedRrns = new Set<string>();
  const log: FakeUpstream['log'] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-global-transaction-id': randomBytes(12).toString('hex'),
      ...headers,
    });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => {
      inFlight--;
    });
    const text = await readBody(req);
    const original = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      log.push({ method: req.method ?? '', path, status, at: Date.now() });
      return (original as (...a: unknown[]) => ServerResponse)(status, ...rest);
    }) as typeof res.writeHead;

    if (req.method === 'POST' && path === '/oauth2/token') {
      const form = new URLSearchParams(text);
      if (form.get('grant_type') !== 'client_credentials') {
        return send(res, 400, {
          error: 'unsupported_grant_type',
          error_description: 'grant_type must be client_credentials',
        });
      }
      if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
        return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const token = `tok-${randomBytes(16).toString('hex')}`;
      tokens.add(token);
      // A session cookie carrying the secret: the recorder must never let this reach a fixture.
      return send(
        res,
        200,
        { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: '1LinkApi' },
        { 'cache-control': 'no-store', 'set-cookie': `apic=${options.clientSecret}; HttpOnly` },
      );
    }

    if (req.method === 'POST' && (path === '/generateDQRCMerchant' || path === '/generateDQRCAggregator')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (req.headers['x-ibm-client-id'] !== options.clientId || !bearer || !tokens.has(bearer)) {
        return send(res, 401, {
          httpCode: '401',
          httpMessage: 'Unauthorized',
          moreInformation: 'Cannot pass the security checks that are required by the target API or operation',
        });
      }
      let body: OneLinkQrRequestLike & Record<string, unknown>;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { responseCode: '30', responseDescription: 'Format error' });
      }
      const merchant = path === '/generateDQRCMerchant';
      const info = merchant ? body.info : body.payerDetails?.info;
      const ids = { stan: info?.stan, rrn: info?.rrn };
      const reject = (code: string, description: string, status: number) =>
        send(res, status, { responseCode: code, responseDescription: description, ...ids });
      if (!ids.stan || !ids.rrn) return reject('30', 'Format error', 400);
      const entry = merchant ? undefined : registry[body.merchantDetails?.merchantID ?? ''];
      if (merchant && !ibanChecks(body.merchantDetails?.iban ?? '')) {
        return reject('12', 'Invalid transaction / request field', 400);
      }
      if (!merchant && !entry) return reject('12', 'Invalid transaction / request field', 400);
      if (usedRrns.has(ids.rrn)) return reject('94', 'Duplicate transmission (duplicate RRN)', 409);
      usedRrns.add(ids.rrn);
      const qrString = build(fieldsFromRequest(body, entry ? { registry: entry } : {}));
      const payment = merchant ? body.paymentDetails : body.payerDetails?.paymentDetails;
      return send(res, 200, {
        responseCode: '00',
        responseDescription: 'Processed OK',
        ...ids,
        qrString,
        ...(payment?.expiryDateTime ? { expiryDateTime: payment.expiryDateTime } : {}),
      });
    }
    send(res, 404, {
      httpCode: '404',
      httpMessage: 'Not Found',
      moreInformation: `No resources match ${path}`,
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
