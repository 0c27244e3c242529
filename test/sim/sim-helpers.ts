import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatOneLinkDateTime } from '@onelink-kit/core';
import { type RunningSimulator, type StartSimulatorOptions, startSimulator } from '@onelink-kit/mock/sim';

// What the simulator tests share: a simulator on free ports with a clock the test moves, and the
// recorded requests as the starting point of every request they send.

export interface TestSim extends RunningSimulator {
  /** Base URL of a spec's server, e.g. url('1link-p2m-qr'). */
  url(name: string): string;
  /** Moves the simulator's clock. */
  advance(ms: number): void;
  clock(): number;
}

export async function startTestSim(
  options: Omit<StartSimulatorOptions, 'basePort' | 'now'> = {},
): Promise<TestSim> {
  let offset = 0;
  const clock = () => Date.now() + offset;
  const sim = await startSimulator({ ...options, basePort: 0, now: clock });
  return {
    ...sim,
    url: (name) => sim.server(name).url,
    advance: (ms) => {
      offset += ms;
    },
    clock,
  };
}

type Json = Record<string, unknown>;

export function fixture(
  operationId: string,
  scenario: string,
): {
  request: { path: string; headers: Record<string, string>; body: Json };
  response: { status: number; headers: Record<string, string>; body: Json };
} {
  const file = fileURLToPath(new URL(`../../mock/fixtures/${operationId}/${scenario}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8'));
}

let rrnSeq = 0;
/** A fresh 12-digit RRN for each call in this process. */
export function freshRrn(): string {
  rrnSeq += 1;
  return `9${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 1e4).padStart(4, '0')}${String(rrnSeq).padStart(4, '0')}`.slice(
    0,
    12,
  );
}

/** The recorded merchant success request with a fresh RRN and an expiry 15 minutes after `now`. */
export function merchantBody(now: number, changes: { rrn?: string; amount?: number } = {}): Json {
  const body = structuredClone(fixture('generateDQRCMerchant', 'success').request.body) as {
    paymentDetails: Json;
    info: Json;
  };
  body.paymentDetails.expiryDateTime = formatOneLinkDateTime(now + 15 * 60_000);
  delete body.paymentDetails.executionDateTime;
  if (changes.amount !== undefined) body.paymentDetails.instructedAmount = changes.amount;
  body.info.rrn = changes.rrn ?? freshRrn();
  return body as unknown as Json;
}

/** The recorded aggregator success request, made fresh the same way. */
export function aggregatorBody(now: number, rrn = freshRrn()): Json {
  const body = structuredClone(fixture('generateDQRCAggregator', 'success').request.body) as {
    payerDetails: { paymentDetails: Json; info: Json };
  };
  body.payerDetails.paymentDetails.expiryDateTime = formatOneLinkDateTime(now + 15 * 60_000);
  delete body.payerDetails.paymentDetails.executionDateTime;
  body.payerDetails.info.rrn = rrn;
  return body as unknown as Json;
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  // An answer that never comes fails the test here, naming the URL, not at the test's own timeout.
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000), ...init }).catch((error: unknown) => {
    throw new Error(`${init.method ?? 'GET'} ${url}: no answer`, { cause: error });
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

export async function token(base: string, clientId = 'client-a', secret = 'any-secret'): Promise<string> {
  const reply = await call(`${base}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: '1LinkApi',
    }),
  });
  if (reply.status !== 200) throw new Error(`token: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return String(reply.body.access_token);
}

export function qrHeaders(
  accessToken: string,
  clientId = 'client-a',
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-ibm-client-id': clientId,
    authorization: `Bearer ${accessToken}`,
    ...extra,
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  return call(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
