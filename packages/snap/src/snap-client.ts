import { randomBytes } from 'node:crypto';
import {
  type AnswerFields,
  type CallOptions,
  callCodedUpstream,
  fromEnv,
  OneLinkValidationError,
  type ProviderClientOptions,
  providerDefaults,
  RequestValidator,
  ResponseCodeTable,
  SecretReader,
  type SecretSource,
  type ValidationIssue,
} from '@onelink-kit/core';
import {
  createApiClient,
  document,
  type OperationInput,
  type SuccessResponse,
} from '@onelink-kit/generated/snap-card-binding';
import { signSnap } from '@onelink-kit/signing';
import { SnapApiError } from './snap-errors.js';
import {
  type AdditionalInfo,
  ExternalIdRegistry,
  formatSnapTimestamp,
  type SeamlessData,
  seamlessDataIssues,
  timestampIssues,
} from './snap-rules.js';

export type AuthCodeResponse = SuccessResponse<'getOAuthCode'>;

/** A value given directly or fetched per call (e.g. from a token cache). */
export type TokenSource = string | (() => string | Promise<string>);

export type { CallOptions };

/** `baseUrl` takes the spec's path /v1.0/get-auth-code; `now` is the clock of X-TIMESTAMP. */
export interface SnapClientOptions extends ProviderClientOptions {
  /** Access token (bare, without "Bearer "). Never logged. */
  accessToken: TokenSource;
  /** X-PARTNER-ID: the 6-character merchant identifier; also the default merchantId query value. */
  partnerId: string;
  /** CHANNEL-ID: 5 digits, the same for the whole flow (this client). */
  channelId: string;
  /** X-CLIENT-KEY: the 32-character client_id (PJP name), when the provider asks for it. */
  clientKey?: string;
  /** Signing secret; default: SNAP_CLIENT_SECRET or the file named by SNAP_CLIENT_SECRET_FILE. */
  clientSecret?: SecretSource;
  /** Zone of X-TIMESTAMP, minutes east of UTC; default +420 (+07:00). */
  utcOffsetMinutes?: number;
}

export interface GetOAuthCodeInput {
  seamlessData: SeamlessData;
  additionalInfo?: AdditionalInfo;
  redirectUrl?: string;
  failureRedirectUrl?: string;
  lang?: 'ID' | 'EN';
  /** Default: the client's partnerId. */
  merchantId?: string;
  /** 32 characters, unique per request; default: 32 random lower-case hex characters. */
  state?: string;
  /** 32 alphanumerics, unique within the flow; default: 32 random lower-case hex characters. */
  externalId?: string;
  /** Default: the clock formatted as yyyy-MM-ddTHH:mm:ss±hh:mm. */
  timestamp?: string;
}

export interface GetOAuthCodeResult {
  authCode: string;
  state: string;
  externalId: string;
  timestamp: string;
  status: number;
  data: AuthCodeResponse;
}

export interface SnapClient {
  getOAuthCode(input: GetOAuthCodeInput, options?: CallOptions): Promise<GetOAuthCodeResult>;
  /** Whether this flow has already sent an X-EXTERNAL-ID. */
  hasSentExternalId(externalId: string): boolean;
}

const SNAP_ANSWER_FIELDS: AnswerFields = { code: 'responseCode', description: ['responseMessage'] };
const randomId = () => randomBytes(16).toString('hex');

/** The x-onelink-response-codes table of spec/snap-card-binding.yaml. */
export const snapResponseCodes = ResponseCodeTable.fromDocument(document, 'spec/snap-card-binding.yaml');

/**
 * Typed client for Get OAuth Code. Before sending it checks every parameter against the spec and the rules
 * the spec cannot enforce (seamlessData's either/or, X-TIMESTAMP a real date-time, X-EXTERNAL-ID unique in the
 * flow) and throws OneLinkValidationError naming field and rule. It signs the request as actually sent
 * (URLPath = path + "?" + query as serialised) and turns failures into SnapApiError via the spec's table.
 */
export function createSnapClient(options: SnapClientOptions): SnapClient {
  const secret = new SecretReader(options.clientSecret ?? fromEnv('SNAP_CLIENT_SECRET'));
  const { fetch: baseFetch, log, now, timeoutMs } = providerDefaults(options, 'snap-client');
  const api = createApiClient({ baseUrl: options.baseUrl, fetch: baseFetch });
  const validator = new RequestValidator(document, 'onelink:snap-card-binding', { logger: log });
  const externalIds = new ExternalIdRegistry();
  const accessToken = async () =>
    typeof options.accessToken === 'function' ? await options.accessToken() : options.accessToken;

  async function getOAuthCode(input: GetOAuthCodeInput, call: CallOptions = {}): Promise<GetOAuthCodeResult> {
    const timestamp = input.timestamp ?? formatSnapTimestamp(now(), options.utcOffsetMinutes);
    const externalId = input.externalId ?? randomId();
    const state = input.state ?? randomId();
    // Insertion order is the order sent (and signed): the parameter order of the SNAP document.
    const query: Record<string, string | undefined> = {
      redirectUrl: input.redirectUrl,
      failureRedirectUrl: input.failureRedirectUrl,
      scopes: 'CARD_REGISTRATION',
      state,
      merchantId: input.merchantId ?? options.partnerId,
      lang: input.lang,
      seamlessData: input.seamlessData === undefined ? undefined : JSON.stringify(input.seamlessData),
      additionalInfo: input.additionalInfo === undefined ? undefined : JSON.stringify(input.additionalInfo),
    };
    const header: Record<string, string | undefined> = {
      'X-TIMESTAMP': timestamp,
      'X-CLIENT-KEY': options.clientKey,
      'X-PARTNER-ID': options.partnerId,
      'X-EXTERNAL-ID': externalId,
      'CHANNEL-ID': options.channelId,
    };
    const issues: ValidationIssue[] = [
      ...validator.validateParameters('getOAuthCode', { query, header }, ['X-SIGNATURE']),
      ...seamlessDataIssues(input.seamlessData),
      ...timestampIssues(timestamp),
      ...externalIds.issues(externalId),
    ];
    if (issues.length > 0) throw new OneLinkValidationError(dedupe(issues));

    const [clientSecret, token] = await Promise.all([secret.read(), accessToken()]);
    if (token === '' || token.startsWith('Bearer ')) {
      throw new OneLinkValidationError([
        { field: 'accessToken', rule: 'bare-token', message: 'must be a non-empty token without "Bearer "' },
      ]);
    }
    // Checked again and claimed with no await in between: a concurrent call with the same id may have
    // claimed it while this one read the secret. Claimed before sending: a request that may have
    // reached the provider has used its id.
    const repeat = externalIds.issues(externalId);
    if (repeat.length > 0) throw new OneLinkValidationError(repeat);
    externalIds.claim(externalId);

    // Signs the request openapi-fetch built, so the signed URLPath is byte for byte the one sent.
    const signingFetch = async (
      reqInput: Parameters<typeof fetch>[0],
      init?: RequestInit,
    ): Promise<Response> => {
      const request = new Request(reqInput, init);
      const url = new URL(request.url);
      const { signature } = signSnap(clientSecret, {
        method: request.method,
        urlPath: url.pathname + url.search,
        accessToken: token,
        body: '',
        timestamp,
      });
      const headers = new Headers(request.headers);
      headers.set('X-SIGNATURE', signature);
      return baseFetch(new Request(request, { headers }));
    };

    const params = { query, header } as unknown as OperationInput<'getOAuthCode'>['params'];
    const { data, response, answer } = await callCodedUpstream(
      (signal) =>
        api.getOAuthCode(
          { params },
          {
            fetch: signingFetch,
            ...(signal ? { signal } : {}),
            headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...call.headers },
          },
        ),
      {
        timeoutMs,
        call,
        table: snapResponseCodes,
        fields: SNAP_ANSWER_FIELDS,
        notJson: () =>
          new SnapApiError({
            status: 200,
            responseCode: undefined,
            responseMessage: 'the provider answered 2xx with a body that is not JSON',
            kind: 'upstream',
            retryable: false,
            externalId,
          }),
      },
    );
    const { code: responseCode, description: responseMessage } = answer;
    log.info(
      {
        operationId: 'getOAuthCode',
        status: response.status,
        responseCode,
        externalId,
        kind: answer.kind,
      },
      'snap response',
    );
    if (response.ok && data && answer.kind === 'success') {
      if (data.state !== undefined && data.state !== state) {
        throw new SnapApiError({
          status: response.status,
          responseCode,
          responseMessage: 'state in the answer differs from the state sent',
          kind: 'upstream',
          retryable: false,
          externalId,
        });
      }
      return { authCode: data.authCode, state, externalId, timestamp, status: response.status, data };
    }
    throw new SnapApiError({
      status: response.status,
      responseCode,
      responseMessage,
      kind: answer.kind,
      retryable: answer.retryable,
      externalId,
    });
  }

  return {
    getOAuthCode,
    hasSentExternalId: (id) => externalIds.has(id),
  };
}

// The spec's anyOf (seamlessData: mobileNumber or userId) fails as a bare `anyOf`; where a rule of ours
// names the same field (mobileNumber-or-userId) it says which alternative is missing, so only it is kept.
function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  const explained = new Set(issues.filter((i) => i.rule !== 'anyOf').map((i) => i.field));
  return issues.filter((i) => {
    if (i.rule === 'anyOf' && explained.has(i.field)) return false;
    const key = `${i.field}|${i.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
