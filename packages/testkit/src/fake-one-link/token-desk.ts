import type { IncomingHttpHeaders } from 'node:http';

/** A JSON answer before it is written. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** What the token endpoint checks; mutable so a test can rotate credentials mid-run. */
export interface AcceptedClient {
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds: number;
}

/**
 * The fake's OAuth2 client-credentials endpoint and the bearer check of the QR operations: issues
 * `${prefix}${n}` tokens with a TTL, refuses wrong credentials the way RFC 6749 (OAuth 2.0) says
 * (401 invalid_client), and remembers issued, expired and revoked tokens.
 */
export class TokenDesk {
  refused = 0;
  private readonly expiries = new Map<string, number>();
  private readonly revoked = new Set<string>();

  constructor(
    readonly accept: AcceptedClient,
    private readonly prefix: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** The normal answer to the `n`-th token request with this form body. */
  answer(formText: string, n: number): TokenAnswer {
    const form = new URLSearchParams(formText);
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' },
      };
    }
    const { clientId, clientSecret, tokenTtlSeconds } = this.accept;
    const idOk = clientId === undefined || form.get('client_id') === clientId;
    const secretOk = clientSecret === undefined || form.get('client_secret') === clientSecret;
    if (!idOk || !secretOk) {
      this.refused++;
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    return {
      status: 200,
      headers: { 'cache-control': 'no-store', ...this.extraHeaders },
      body: {
        access_token: `${this.prefix}${n}`,
        token_type: 'Bearer',
        expires_in: tokenTtlSeconds,
        scope: '1LinkApi',
      },
    };
  }

  /** Records a token the endpoint handed out (the normal one or one a test's reply made up). */
  issued(body: unknown, now = Date.now()): void {
    if (typeof body !== 'object' || body === null) return;
    const { access_token: token, expires_in: ttl } = body as { access_token?: unknown; expires_in?: unknown };
    if (typeof token !== 'string') return;
    this.expiries.set(token, now + (typeof ttl === 'number' ? ttl : this.accept.tokenTtlSeconds) * 1000);
  }

  revokeAll(): void {
    for (const token of this.expiries.keys()) this.revoked.add(token);
  }

  /** Whether a QR call with these headers passes API Connect's security checks. */
  admits(headers: IncomingHttpHeaders, now = Date.now()): boolean {
    const { clientId } = this.accept;
    if (clientId !== undefined && headers['x-ibm-client-id'] !== clientId) return false;
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    if (bearer === undefined || this.revoked.has(bearer)) return false;
    const expiry = this.expiries.get(bearer);
    return expiry !== undefined && expiry > now;
  }
}

/** IBM API Connect's 401 body for a QR call with a missing, expired or revoked token. */
export const UNAUTHORIZED = {
  httpCode: '401',
  httpMessage: 'Unauthorized',
  moreInformation: 'Cannot pass the security checks that are required by the target API or operation',
};
