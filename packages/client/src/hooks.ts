import type { Logger } from '@onelink-kit/core';

/** Emitted before each HTTP attempt. Headers are redacted; token requests carry no body. */
export interface RequestEvent {
  type: 'request';
  operationId: string;
  attempt: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  stan?: string | undefined;
  rrn?: string | undefined;
}

/** Emitted after each HTTP answer (also failures). Headers are redacted; token responses carry no body. */
export interface ResponseEvent {
  type: 'response';
  operationId: string;
  attempt: number;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  durationMs: number;
  stan?: string | undefined;
  rrn?: string | undefined;
  requestId?: string | undefined;
}

/** Emitted when an attempt fails without an HTTP answer (network error, timeout) or before a retry. */
export interface ErrorEvent {
  type: 'error';
  operationId: string;
  attempt: number;
  /** The error as JSON (`error.toJSON()`), never the raw object, so no cause chain leaks. */
  error: Record<string, unknown>;
  willRetry: boolean;
  delayMs?: number | undefined;
  stan?: string | undefined;
  rrn?: string | undefined;
}

export interface OneLinkHooks {
  onRequest?: (event: RequestEvent) => void | Promise<void>;
  onResponse?: (event: ResponseEvent) => void | Promise<void>;
  onError?: (event: ErrorEvent) => void | Promise<void>;
}

/**
 * Calls a hook without letting it break the request: a throwing or rejecting hook is logged and ignored,
 * because observability must never change the outcome of a payment call.
 */
export async function emit<E extends RequestEvent | ResponseEvent | ErrorEvent>(
  hook: ((event: E) => void | Promise<void>) | undefined,
  event: E,
  logger: Logger,
): Promise<void> {
  if (!hook) return;
  try {
    await hook(event);
  } catch (error) {
    logger.warn({ hook: event.type, err: { message: (error as Error)?.message } }, 'hook failed; ignored');
  }
}
