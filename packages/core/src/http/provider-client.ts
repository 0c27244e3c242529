import type { AnswerFields, ReadAnswer, ResponseCodeTable } from '../errors/response-codes.js';
import { type Logger, silentLogger } from '../log/logger.js';
import { callUpstream } from './upstream-call.js';

/** What a provider client (Link Based Payments, SNAP) takes besides its credentials and ids. */
export interface ProviderClientOptions {
  /** Provider base URL; the paths of the provider's spec are appended. */
  baseUrl: string;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Clock of the client's date rules and date headers. */
  now?: () => Date;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
}

/** Per-call options of a provider client. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Extra request headers, e.g. a mock's Prefer header. */
  headers?: Record<string, string>;
}

/** The options' fetch, clock and timeout with their defaults, and a logger child naming `component`. */
export function providerDefaults(
  options: ProviderClientOptions,
  component: string,
): { fetch: typeof fetch; log: Logger; now: () => Date; timeoutMs: number } {
  return {
    fetch: options.fetch ?? globalThis.fetch,
    log: (options.logger ?? silentLogger()).child({ component }),
    now: options.now ?? (() => new Date()),
    timeoutMs: options.timeoutMs ?? 30_000,
  };
}

/** One provider call: the parsed success body (if any), the response, and its code as the table reads it. */
export interface CodedAnswer<T> {
  data: T | undefined;
  response: Response;
  answer: ReadAnswer;
}

/**
 * One attempt through a generated client (callUpstream: the timeout, the caller's signal, transport
 * errors, `notJson` for a 2xx that is not JSON) at a provider whose answers carry a code of its spec's
 * table, read with `fields` from the success or the error body, whatever the HTTP status.
 */
export async function callCodedUpstream<T>(
  send: (signal: AbortSignal | undefined) => Promise<{ data?: T; error?: unknown; response: Response }>,
  options: {
    timeoutMs: number;
    call: CallOptions;
    notJson: () => Error;
    table: ResponseCodeTable;
    fields: AnswerFields;
  },
): Promise<CodedAnswer<T>> {
  const { timeoutMs, call, notJson, table, fields } = options;
  const { data, error, response } = await callUpstream(send, { timeoutMs, signal: call.signal, notJson });
  return { data, response, answer: table.read(response.status, data ?? error, fields) };
}
