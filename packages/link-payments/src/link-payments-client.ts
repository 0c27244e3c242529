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
} from '@onelink-kit/core';
import {
  type ApiResponse,
  createApiClient,
  document,
  type RequestBody,
  type SuccessResponse,
} from '@onelink-kit/generated/link-payments';
import { signLink } from '@onelink-kit/signing';
import { type LinkOperationId, LinkPaymentsApiError } from './link-errors.js';
import { createPaymentLinkIssues } from './link-rules.js';

export type { CallOptions };

/** `baseUrl` takes the spec's paths (/getTemplate, ...); `now` is the clock of the expiryDateTime rule. */
export interface LinkPaymentsClientOptions extends ProviderClientOptions {
  /** The merchant ID (MID). */
  merchantId: string;
  /** Merchant password; default: LINK_PASSWORD or the file named by LINK_PASSWORD_FILE. Never logged. */
  password?: SecretSource;
  /** HMAC key of the signatures; default: LINK_HASH_KEY or the file named by LINK_HASH_KEY_FILE. */
  hashKey?: SecretSource;
}

type Fields<Op extends LinkOperationId, Omitted extends string> = Omit<RequestBody<Op>, Omitted>;

/** What the caller gives; merchantId, password and signature are filled in by the client. */
export type CreatePaymentLinkInput = Fields<'createPaymentLink', 'merchantId' | 'password' | 'signature'>;
export type ResendPaymentLinkInput = Fields<'resendPaymentLink', 'merchantId' | 'password' | 'signature'>;
export type CancelPaymentLinkInput = Fields<'cancelPaymentLink', 'merchantId' | 'password' | 'signature'>;
export type GetTemplateDetailsInput = Fields<'getTemplateDetails', 'merchantId' | 'password'>;

export interface LinkResult<Op extends LinkOperationId> {
  /** The OTS success code (OTS0000, OTS0001 or OTS0002). */
  statusCode: string;
  status: number;
  data: SuccessResponse<Op>;
}

export interface LinkPaymentsClient {
  getTemplate(options?: CallOptions): Promise<LinkResult<'getTemplate'>>;
  getTemplateDetails(
    input: GetTemplateDetailsInput,
    options?: CallOptions,
  ): Promise<LinkResult<'getTemplateDetails'>>;
  createPaymentLink(
    input: CreatePaymentLinkInput,
    options?: CallOptions,
  ): Promise<LinkResult<'createPaymentLink'>>;
  resendPaymentLink(
    input: ResendPaymentLinkInput,
    options?: CallOptions,
  ): Promise<LinkResult<'resendPaymentLink'>>;
  cancelPaymentLink(
    input: CancelPaymentLinkInput,
    options?: CallOptions,
  ): Promise<LinkResult<'cancelPaymentLink'>>;
}

const LINK_ANSWER_FIELDS: AnswerFields = { code: 'statusCode', description: ['statusDescription'] };

/** The x-onelink-response-codes table of spec/link-payments.yaml (OTS codes). */
export const linkResponseCodes = ResponseCodeTable.fromDocument(document, 'spec/link-payments.yaml');

/**
 * Typed client for Link Based Payments. It fills in MID, password and (for create, resend, cancel) the
 * HMAC-SHA512 signature; checks the body against the spec and the rules the spec does not enforce before
 * sending (OneLinkValidationError naming field and rule, never a value); and turns every non-success OTS
 * code into LinkPaymentsApiError classified by the spec's table — whatever the HTTP status.
 */
export function createLinkPaymentsClient(options: LinkPaymentsClientOptions): LinkPaymentsClient {
  const password = new SecretReader(options.password ?? fromEnv('LINK_PASSWORD'));
  const hashKey = new SecretReader(options.hashKey ?? fromEnv('LINK_HASH_KEY'));
  const { fetch, log, now, timeoutMs } = providerDefaults(options, 'link-payments-client');
  const api = createApiClient({ baseUrl: options.baseUrl, fetch });
  const validator = new RequestValidator(document, 'onelink:link-payments');
  const mid = options.merchantId;

  async function send<Op extends LinkOperationId>(
    operationId: Op,
    body: RequestBody<Op>,
    reference: string | undefined,
    call: CallOptions,
  ): Promise<LinkResult<Op>> {
    const method = api[operationId] as (b: RequestBody<Op>, init: object) => Promise<ApiResponse<Op>>;
    const { data, response, answer } = await callCodedUpstream(
      (signal) =>
        method(body, {
          ...(signal ? { signal } : {}),
          headers: { Accept: 'application/json', ...call.headers },
        }),
      {
        timeoutMs,
        call,
        table: linkResponseCodes,
        fields: LINK_ANSWER_FIELDS,
        notJson: () =>
          new LinkPaymentsApiError({
            operationId,
            status: 200,
            statusCode: undefined,
            statusDescription: 'the provider answered 2xx with a body that is not JSON',
            kind: 'upstream',
            retryable: false,
            reference,
          }),
      },
    );
    const { code: statusCode, description: statusDescription } = answer;
    log.info(
      { operationId, status: response.status, statusCode, reference, kind: answer.kind },
      'link-payments response',
    );
    if (response.ok && data && statusCode !== undefined && answer.kind === 'success') {
      return { statusCode, status: response.status, data: data as SuccessResponse<Op> };
    }
    throw new LinkPaymentsApiError({
      operationId,
      status: response.status,
      statusCode,
      statusDescription,
      kind: answer.kind,
      retryable: answer.retryable,
      reference,
    });
  }

  function check(
    operationId: LinkOperationId,
    body: unknown,
    extra: ReturnType<typeof createPaymentLinkIssues>,
  ) {
    const issues = [...validator.validate(operationId, body), ...extra];
    if (issues.length > 0) throw new OneLinkValidationError(issues);
  }

  /** Resend and cancel are the same call on an invoice: sign MID + Password + InvoiceNo and send. */
  async function invoiceAction<Op extends 'resendPaymentLink' | 'cancelPaymentLink'>(
    operationId: Op,
    input: ResendPaymentLinkInput | CancelPaymentLinkInput,
    call: CallOptions,
  ): Promise<LinkResult<Op>> {
    const [pw, key] = await Promise.all([password.read(), hashKey.read()]);
    const unsigned = { ...input, merchantId: mid, password: pw };
    check(operationId, { ...unsigned, signature: '0'.repeat(128) }, []);
    const { signature } = signLink(key, { mid, password: pw, invoiceNo: input.invoiceNo });
    return send(operationId, { ...unsigned, signature } as RequestBody<Op>, input.invoiceNo, call);
  }

  return {
    async getTemplate(call = {}) {
      const body = { merchantId: mid, password: await password.read() };
      check('getTemplate', body, []);
      return send('getTemplate', body, undefined, call);
    },

    async getTemplateDetails(input, call = {}) {
      const body = { ...input, merchantId: mid, password: await password.read() };
      check('getTemplateDetails', body, []);
      return send('getTemplateDetails', body, input.templateNo, call);
    },

    async createPaymentLink(input, call = {}) {
      const [pw, key] = await Promise.all([password.read(), hashKey.read()]);
      // Checked before signing so a rule error is reported as such, not as a signing error.
      const unsigned = { ...input, merchantId: mid, password: pw };
      check(
        'createPaymentLink',
        { ...unsigned, signature: '0'.repeat(128) },
        createPaymentLinkIssues(input, now()),
      );
      const { signature } = signLink(key, {
        mid,
        password: pw,
        amount: input.amount,
        merchantTxnId: input.merchantTxnId,
      });
      return send('createPaymentLink', { ...unsigned, signature }, input.merchantTxnId, call);
    },

    resendPaymentLink: (input, call = {}) => invoiceAction('resendPaymentLink', input, call),
    cancelPaymentLink: (input, call = {}) => invoiceAction('cancelPaymentLink', input, call),
  };
}
