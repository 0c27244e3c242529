import type { IncomingHttpHeaders } from 'node:http';
import type { MerchantRegistryEntry } from '@onelink-kit/emvqr';

/** The three 1LINK operations the fake serves. */
export type FakeOperation = 'token' | 'merchant' | 'aggregator';

/** Where a fault or an answer applies: one operation, or both QR operations. */
export type FakeTarget = FakeOperation | 'qr';

/**
 * What the fake answers one call with:
 * - `{ status, body?, headers? }`: that JSON answer;
 * - `{ status?, raw }`: `raw` as the body with a JSON content type (malformed JSON, truncated bodies);
 * - `{ delayMs, reply? }`: wait, then answer `reply` (default: the normal answer);
 * - `'reset'`: drop the connection; `'hang'`: never answer (until `stop()`);
 * - `'default'`: what the fake answers when nothing is injected.
 */
export type FakeReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string; headers?: Record<string, string> }
  | { delayMs: number; reply?: FakeReply }
  | 'reset'
  | 'hang'
  | 'default';

/** A computed answer; `n` counts this operation's calls, this one included (1-based). */
export type FakeResponder = (request: SeenRequest, n: number) => FakeReply;

/** One request the fake received, in arrival order. */
export interface SeenRequest {
  /** undefined for paths the fake does not serve (answered 404). */
  operation: FakeOperation | undefined;
  method: string;
  /** Path as sent, query included (e.g. `/1Link/generateDQRCMerchant`). */
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  text: string;
  /** Arrival time (ms since epoch). */
  at: number;
  /** Place in arrival order, from 1, journal kept or not: the number in the answer's x-global-transaction-id. */
  arrival: number;
  /** The status answered; undefined while pending, for a reset or a hang. */
  status?: number;
}

export interface FakeOneLinkOptions {
  /** Token requests must carry this client_id (and QR calls this X-IBM-Client-Id); any when unset. */
  clientId?: string;
  /** Token requests must carry this client_secret; any when unset. */
  clientSecret?: string;
  /** `expires_in` of issued tokens; QR calls with an older token get 401. Default 3600. */
  tokenTtlSeconds?: number;
  /** Issued tokens are `${tokenPrefix}${n}`. Default `token-`. */
  tokenPrefix?: string;
  /** Extra headers on every successful token answer (e.g. a cookie a recorder must drop). */
  tokenHeaders?: Record<string, string>;
  /** Aggregator merchants 1LINK knows (fill the QR); default: the spec example's AGG0000456 entry. */
  registry?: Record<string, MerchantRegistryEntry>;
  /**
   * Answer bad requests the way 1LINK does (response code 30 for missing STAN/RRN or malformed JSON,
   * 12 for a bad IBAN checksum or an unknown aggregator, 94 for an RRN used before). Off by default:
   * most tests inject the error they are about instead.
   */
  strict?: boolean;
  /**
   * Keep every request in `journal` and every parsed QR body in `bodies` (default true). A long load
   * (the gateway benchmark) sets false, so the fake's memory stays flat and its answers' cost does
   * not grow with the number of requests; both lists then stay empty, and `requests()` throws.
   */
  journal?: boolean;
}

/** A local stand-in for 1LINK on 127.0.0.1 and an OS-chosen port. `stop()` it in the test. */
export interface FakeOneLink {
  /** Root URL; QR operations answer at any path ending in their operationId (e.g. `${url}/1Link/...`). */
  readonly url: string;
  /** `${url}/oauth2/token`. */
  readonly tokenUrl: string;
  /** Calls per operation, refused ones included. */
  readonly calls: Record<FakeOperation, number>;
  /** Token requests refused for a wrong client id or secret. */
  readonly refusedTokens: number;
  /** Every request received, in arrival order. */
  readonly journal: readonly SeenRequest[];
  /** The journal entries of one operation (or both QR operations). */
  requests(target: FakeTarget): SeenRequest[];
  /** Parsed bodies of the QR requests that passed authentication, in order. */
  readonly bodies: readonly unknown[];
  /** Credentials and TTL the token endpoint checks; change them mid-test (rotation). */
  readonly accept: { clientId?: string; clientSecret?: string; tokenTtlSeconds: number };
  /** Every token issued so far answers 401 on QR calls from now on (as after a credential rotation). */
  revokeTokens(): void;
  /** The next calls of `target` get these replies, one each in order; later calls are answered normally. */
  script(target: FakeTarget, ...replies: FakeReply[]): void;
  /** Every call of `target` gets this reply (or the responder's) until `clearFaults()`; scripts come first. */
  always(target: FakeTarget, reply: FakeReply | FakeResponder): void;
  /** Removes scripted and standing faults. */
  clearFaults(): void;
  /** The normal success body for a QR request (a QR built from it); for tests that alter one field. */
  successBody(request: SeenRequest): Record<string, unknown>;
  /** Most requests ever being handled at the same time. */
  maxInFlight(): number;
  stop(): Promise<void>;
}
