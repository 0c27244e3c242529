import {
  attemptSignal,
  capAnswerSize,
  type Logger,
  networkErrorFrom,
  OneLinkAnswerTooLargeError,
  OneLinkAuthError,
  OneLinkError,
  OneLinkTokenUnavailableError,
  parseRetryAfter,
  redactHeaders,
  SecretReader,
  type SecretSource,
  scrubSecrets,
  silentLogger,
} from '@onelink-kit/core';
import type { RequestBody } from '@onelink-kit/generated/1link-p2m-qr';
import { emit, type OneLinkHooks } from './hooks.js';

export const ONELINK_SCOPE = '1LinkApi';

export interface TokenServiceOptions {
  /** Full token URL, e.g. `https://sandboxapi.1link.net.pk/uat-1link/sandbox/oauth2/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: SecretSource | SecretReader;
  scope?: string;
  fetch?: typeof fetch;
  /** Timeout of one token request (the client passes its own per-attempt timeout). Default 10 s. */
  timeoutMs?: number;
  /** Longest token answer read (see capAnswerSize). Default 1 MiB. */
  maxAnswerBytes?: number;
  /** A token counts as expired this long before `expires_in` runs out (clock skew, slow requests). Default 60 s. */
  expiryMarginMs?: number;
  /** Within this window before (expiry − margin), callers get the cached token and a background refresh starts. Default 5 min. */
  refreshAheadMs?: number;
  now?: () => number;
  logger?: Logger;
  hooks?: OneLinkHooks;
}

interface CachedToken {
  value: string;
  /** After this instant the token is not used any more. */
  usableUntil: number;
  /** From this instant a background refresh is started. */
  refreshFrom: number;
}

/**
 * OAuth2 client-credentials tokens for 1LINK: cached, refreshed proactively, and fetched single-flight
 * (any number of concurrent callers on a cold or expired cache cause exactly one token request).
 * A refusal of the client is OneLinkAuthError; any other failure (5xx, an answer that is not a token,
 * a broken connection, no answer in time) is OneLinkTokenUnavailableError: the QR operation was not
 * called, so the call may be repeated.
 */
export class TokenService {
  readonly #options: Required<
    Pick<
      TokenServiceOptions,
      'tokenUrl' | 'clientId' | 'scope' | 'timeoutMs' | 'expiryMarginMs' | 'refreshAheadMs'
    >
  >;
  readonly #secret: SecretReader;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #hooks: OneLinkHooks;
  #cached: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  #requests = 0;

  constructor(options: TokenServiceOptions) {
    if (!options.clientId) throw new TypeError('clientId is required');
    if (!options.tokenUrl) throw new TypeError('tokenUrl is required');
    this.#options = {
      tokenUrl: options.tokenUrl,
      clientId: options.clientId,
      scope: options.scope ?? ONELINK_SCOPE,
      timeoutMs: options.timeoutMs ?? 10_000,
      expiryMarginMs: options.expiryMarginMs ?? 60_000,
      refreshAheadMs: options.refreshAheadMs ?? 5 * 60_000,
    };
    this.#secret =
      options.clientSecret instanceof SecretReader
        ? options.clientSecret
        : new SecretReader(options.clientSecret);
    this.#fetch = capAnswerSize(options.fetch ?? globalThis.fetch, options.maxAnswerBytes);
    this.#now = options.now ?? Date.now;
    this.#logger = (options.logger ?? silentLogger()).child({ component: 'onelink-token' });
    this.#hooks = options.hooks ?? {};
  }

  /** How many token requests this service has sent (for metrics and tests). */
  get requestCount(): number {
    return this.#requests;
  }

  /** A valid access token, from cache when possible. */
  async getToken(): Promise<string> {
    const now = this.#now();
    const cached = this.#cached;
    if (cached && now < cached.usableUntil) {
      if (now >= cached.refreshFrom && !this.#inflight) {
        // Proactive: the caller keeps the still-valid token; a failure here surfaces on a later call.
        this.#refresh().catch((error: unknown) => {
          this.#logger.warn({ err: errorSummary(error) }, 'background token refresh failed');
        });
      }
      return cached.value;
    }
    return (await this.#refresh()).value;
  }

  /**
   * Drops the cached token (after a 401). Pass the token that was refused so a token another caller has
   * already refreshed is not thrown away. Also makes the next token request re-read the secret, so a
   * rotated secret is picked up.
   */
  invalidate(refused?: string): void {
    if (refused === undefined || this.#cached?.value === refused) this.#cached = undefined;
    this.#secret.invalidate();
  }

  #refresh(): Promise<CachedToken> {
    if (!this.#inflight) {
      const pending = this.#fetchToken().then((token) => {
        this.#cached = token;
        return token;
      });
      this.#inflight = pending;
      pending.then(
        () => this.#clearInflight(pending),
        () => this.#clearInflight(pending),
      );
    }
    return this.#inflight;
  }

  #clearInflight(pending: Promise<CachedToken>): void {
    if (this.#inflight === pending) this.#inflight = undefined;
  }

  async #fetchToken(): Promise<CachedToken> {
    try {
      return await this.#requestOnce();
    } catch (error) {
      // Rotation: a refused client secret may have been replaced in env/file/vault since we read it.
      if (error instanceof OneLinkAuthError && error.status !== undefined) {
        const before = await this.#secret.read().catch(() => undefined);
        this.#secret.invalidate();
        const after = await this.#secret.read().catch(() => undefined);
        if (after !== undefined && after !== before) {
          this.#logger.info('client secret changed after token refusal; retrying with the new secret');
          return this.#requestOnce();
        }
      }
      throw error;
    }
  }

  async #requestOnce(): Promise<CachedToken> {
    const secret = await this.#secret.read();
    const { tokenUrl, clientId, scope, timeoutMs } = this.#options;
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'X-IBM-Client-Id': clientId,
    };
    // Typed against the spec's TokenRequest so a contract change breaks the build, not production.
    const form: RequestBody<'requestToken'> = {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: scope as RequestBody<'requestToken'>['scope'],
    };
    const body = new URLSearchParams(form);
    const attempt = ++this.#requests;
    await emit(
      this.#hooks.onRequest,
      {
        type: 'request',
        operationId: 'requestToken',
        attempt,
        method: 'POST',
        url: tokenUrl,
        headers: redactHeaders(headers),
      },
      this.#logger,
    );
    const started = this.#now();
    const { signal, timedOut, release } = attemptSignal(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(tokenUrl, { method: 'POST', headers, body: body.toString(), signal });
      text = await response.text();
    } catch (error) {
      if (timedOut()) {
        throw new OneLinkTokenUnavailableError({
          reason: 'timeout',
          detail: `no answer within ${timeoutMs} ms`,
          cause: error,
        });
      }
      if (error instanceof OneLinkAnswerTooLargeError) {
        throw new OneLinkTokenUnavailableError({ reason: 'too-large', detail: error.message, cause: error });
      }
      const network = networkErrorFrom(error);
      throw new OneLinkTokenUnavailableError({
        reason: `network-${network.errno ?? 'error'}`,
        cause: network,
      });
    } finally {
      release();
    }
    const requestId = response.headers.get('x-global-transaction-id') ?? undefined;
    await emit(
      this.#hooks.onResponse,
      {
        type: 'response',
        operationId: 'requestToken',
        attempt,
        status: response.status,
        headers: redactHeaders(response.headers),
        durationMs: this.#now() - started,
        requestId,
      },
      this.#logger,
    );
    const json = parseJson(text);
    const scrub = (s: string | undefined) => (s === undefined ? undefined : scrubSecrets(s, [secret]));

    if (response.status === 400 || response.status === 401 || response.status === 403) {
      const oauthError = typeof json?.error === 'string' ? json.error : `http-${response.status}`;
      const description = scrub(
        typeof json?.error_description === 'string' ? json.error_description : undefined,
      );
      this.#logger.warn({ status: response.status, error: oauthError, requestId }, 'token request refused');
      throw new OneLinkAuthError(
        `1LINK token endpoint refused the client (HTTP ${response.status} ${oauthError})${description ? `: ${description}` : ''}`,
        { status: response.status, reason: oauthError, ...(requestId ? { requestId } : {}) },
      );
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.#now());
      throw new OneLinkTokenUnavailableError({
        reason: `http-${response.status}`,
        status: response.status,
        requestId,
        detail: scrub(typeof json?.httpMessage === 'string' ? json.httpMessage : undefined),
        retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
      });
    }
    const accessToken = json?.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new OneLinkTokenUnavailableError({
        reason: json === undefined ? 'not-json' : 'no-access-token',
        status: response.status,
        requestId,
        detail: `HTTP ${response.status} without an access_token`,
      });
    }
    const expiresInMs =
      (typeof json?.expires_in === 'number' ? json.expires_in : Number(json?.expires_in ?? 0)) * 1000;
    // Short-lived tokens: never let the margin eat more than half of the lifetime.
    const lifetime = Number.isFinite(expiresInMs) && expiresInMs > 0 ? expiresInMs : 60_000;
    const margin = Math.min(this.#options.expiryMarginMs, lifetime / 2);
    const usableUntil = started + lifetime - margin;
    const refreshFrom = Math.max(
      started + (lifetime - margin) / 2,
      usableUntil - this.#options.refreshAheadMs,
    );
    this.#logger.debug({ expiresInMs: lifetime, requestId }, 'access token obtained');
    return { value: accessToken, usableUntil, refreshFrom };
  }

  /** Never print the token or the secret. */
  toJSON(): Record<string, unknown> {
    return { tokenUrl: this.#options.tokenUrl, cached: this.#cached !== undefined };
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function errorSummary(error: unknown): Record<string, unknown> {
  return error instanceof OneLinkError
    ? error.toJSON()
    : { message: String((error as Error)?.message ?? error) };
}
