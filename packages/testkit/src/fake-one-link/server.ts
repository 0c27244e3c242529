import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QrKind } from '@onelink-kit/core';
import type { OneLinkQrRequestLike } from '@onelink-kit/emvqr';
import { FaultBook } from './faults.js';
import { exampleRegistry, type QrAnswer, qrRefusal, qrSuccess } from './qr-answer.js';
import { TokenDesk, UNAUTHORIZED } from './token-desk.js';
import type {
  FakeOneLink,
  FakeOneLinkOptions,
  FakeOperation,
  FakeReply,
  FakeTarget,
  SeenRequest,
} from './types.js';

type QrRequest = OneLinkQrRequestLike & Record<string, unknown>;

const OPERATIONS: [suffix: string, operation: FakeOperation][] = [
  ['/oauth2/token', 'token'],
  ['/generateDQRCMerchant', 'merchant'],
  ['/generateDQRCAggregator', 'aggregator'],
];

function operationOf(path: string): FakeOperation | undefined {
  const pathname = path.split('?')[0] ?? '';
  return OPERATIONS.find(([suffix]) => pathname.endsWith(suffix))?.[1];
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: QrRequest } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null
      ? { ok: true, value: value as QrRequest }
      : { ok: false };
  } catch {
    return { ok: false };
  }
}

/**
 * Starts one fake 1LINK on 127.0.0.1 and an OS-chosen port: the OAuth2 token endpoint and both dynamic
 * QR operations, answering like the 1LINK document says (API Connect 401 bodies, response codes) with
 * QRs built from each request, so a correct caller's checks pass. Faults are injected per call.
 */
export async function startFakeOneLink(options: FakeOneLinkOptions = {}): Promise<FakeOneLink> {
  const registry = options.registry ?? exampleRegistry();
  const desk = new TokenDesk(
    {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    },
    options.tokenPrefix ?? 'token-',
    options.tokenHeaders,
  );
  const faults = new FaultBook();
  const journal: SeenRequest[] = [];
  const bodies: unknown[] = [];
  const calls: Record<FakeOperation, number> = { token: 0, merchant: 0, aggregator: 0 };
  const usedRrns = new Set<string>();
  let received = 0;
  const keepJournal = options.journal ?? true;
  const hanging = new Set<ServerResponse>();
  let inFlight = 0;
  let maxInFlight = 0;

  function send(res: ServerResponse, seen: SeenRequest, status: number, text: string, headers = {}): void {
    seen.status = status;
    const id = { 'x-global-transaction-id': `gtid-${seen.arrival}` };
    res.writeHead(status, { 'content-type': 'application/json', ...id, ...headers });
    res.end(text);
  }

  // The answer when nothing is injected: token, 401 for a bad bearer, strict refusals, success.
  function normalAnswer(operation: FakeOperation, seen: SeenRequest, n: number): QrAnswer {
    if (operation === 'token') return desk.answer(seen.text, n);
    if (!desk.admits(seen.headers)) return { status: 401, body: UNAUTHORIZED };
    const parsed = parseJson(seen.text);
    if (!parsed.ok) {
      return options.strict
        ? { status: 400, body: { responseCode: '30', responseDescription: 'Format error' } }
        : { status: 400, body: { httpCode: '400', httpMessage: 'Bad Request' } };
    }
    if (keepJournal) bodies.push(parsed.value);
    const kind: QrKind = operation;
    const refusal = options.strict ? qrRefusal(kind, parsed.value, registry, usedRrns) : undefined;
    if (refusal) return refusal;
    try {
      return qrSuccess(kind, parsed.value, registry);
    } catch (error) {
      // A body the EMV mapping cannot encode: 1LINK would refuse it as a bad field.
      return {
        status: 400,
        body: {
          responseCode: '12',
          responseDescription: `Invalid transaction / request field: ${String(error)}`,
        },
      };
    }
  }

  async function answer(
    reply: FakeReply,
    operation: FakeOperation,
    seen: SeenRequest,
    n: number,
    res: ServerResponse,
  ) {
    if (reply === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (reply === 'hang') {
      hanging.add(res);
      return;
    }
    if (reply !== 'default' && 'delayMs' in reply) {
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (!res.destroyed) await answer(reply.reply ?? 'default', operation, seen, n, res);
      return;
    }
    const chosen = reply === 'default' ? normalAnswer(operation, seen, n) : reply;
    if ('raw' in chosen) return send(res, seen, chosen.status ?? 200, chosen.raw, chosen.headers);
    if (operation === 'token' && chosen.status === 200) desk.issued(chosen.body);
    const body = chosen.body === undefined ? '' : JSON.stringify(chosen.body);
    send(res, seen, chosen.status, body, 'headers' in chosen ? chosen.headers : {});
  }

  const server = createServer(async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => {
      inFlight--;
      hanging.delete(res);
    });
    const path = req.url ?? '/';
    const operation = operationOf(path);
    const seen: SeenRequest = {
      operation,
      method: req.method ?? '',
      path,
      headers: req.headers,
      text: await readText(req),
      at: Date.now(),
      arrival: ++received,
    };
    if (keepJournal) journal.push(seen);
    if (operation === undefined || req.method !== 'POST') {
      return send(res, seen, 404, JSON.stringify({ httpCode: '404', httpMessage: 'Not Found' }));
    }
    const n = ++calls[operation];
    await answer(faults.next(operation, seen, n), operation, seen, n, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tokenUrl: `${url}/oauth2/token`,
    calls,
    get refusedTokens() {
      return desk.refused;
    },
    journal,
    requests: (target: FakeTarget) => {
      // An empty list would pass a test that counts calls; a fake without a journal says so instead.
      if (!keepJournal) throw new Error('this fake keeps no journal (started with journal: false)');
      return journal.filter((r) =>
        target === 'qr' ? r.operation === 'merchant' || r.operation === 'aggregator' : r.operation === target,
      );
    },
    bodies,
    accept: desk.accept,
    revokeTokens: () => desk.revokeAll(),
    script: (target, ...replies) => faults.script(target, replies),
    always: (target, reply) => faults.always(target, reply),
    clearFaults: () => faults.clear(),
    successBody: (request) => {
      const kind = request.operation === 'aggregator' ? 'aggregator' : 'merchant';
      const parsed = parseJson(request.text);
      return qrSuccess(kind, parsed.ok ? parsed.value : {}, registry).body;
    },
    maxInFlight: () => maxInFlight,
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
