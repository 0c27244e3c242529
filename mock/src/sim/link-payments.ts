import { formatOneLinkDateTime } from '@onelink-kit/core';
import { verifyLink } from '@onelink-kit/signing';
import type { FixtureBook } from './fixture-book.js';
import { answerFrom, type SimAnswer } from './fixture-book.js';
import {
  type ApiBehaviour,
  type Decision,
  refusal,
  type SimContext,
  type SimRequest,
} from './sim-request.js';
import type { Invoice, SimState } from './sim-state.js';

interface LinkBody {
  merchantId: string;
  password: string;
  templateNo?: string;
  merchantTxnId?: string;
  amount?: string;
  deliveryChannel?: string;
  expiryDateTime?: string;
  templateFields?: Record<string, string>;
  invoiceNo?: string;
  signature?: string;
}

interface TemplateField {
  fieldName: string;
  required: boolean;
  defaultValue?: string;
}

type Json = Record<string, unknown>;

const WEEK_MS = 7 * 24 * 60 * 60_000;

function answer(req: SimRequest, ctx: SimContext, scenario: string, body: Json = {}): SimAnswer {
  return answerFrom(ctx.book.get(req.op.operationId, scenario), { body });
}

/** The invoice the recorded create made, so the recorded resend and cancel requests act on it. */
export function seedInvoices(book: FixtureBook, state: SimState): void {
  const created = book.find('createPaymentLink', 'success')?.fixture;
  const request = created?.request.body as LinkBody | undefined;
  const response = created?.response.body as Json | undefined;
  if (!request || typeof response?.invoiceNo !== 'string') return;
  state.addInvoice({
    invoiceNo: response.invoiceNo,
    merchantId: request.merchantId,
    merchantTxnId: String(response.merchantTxnId ?? request.merchantTxnId ?? ''),
    amount: request.amount ?? '',
    paymentLink: String(response.paymentLink ?? ''),
    expiryDateTime: typeof response.expiryDateTime === 'string' ? response.expiryDateTime : undefined,
    cancelled: false,
  });
}

function templatesOf(ctx: SimContext): { listed: Set<string>; details: Map<string, TemplateField[]> } {
  const list = ctx.book.find('getTemplate', 'success')?.fixture.response.body as
    | { templates?: { templateNo: string }[] }
    | undefined;
  const detail = ctx.book.find('getTemplateDetails', 'success')?.fixture.response.body as
    | { template?: { templateNo: string; fields?: TemplateField[] } }
    | undefined;
  const details = new Map<string, TemplateField[]>();
  if (detail?.template) details.set(detail.template.templateNo, detail.template.fields ?? []);
  return {
    listed: new Set([...(list?.templates ?? []).map((t) => t.templateNo), ...details.keys()]),
    details,
  };
}

function createInvoice(req: SimRequest, ctx: SimContext, body: LinkBody): Decision {
  const { listed, details } = templatesOf(ctx);
  const templateNo = body.templateNo ?? '';
  if (!listed.has(templateNo))
    return { answer: answer(req, ctx, 'template-not-found'), note: `no template ${templateNo}` };
  const sent = body.templateFields ?? {};
  for (const field of details.get(templateNo) ?? []) {
    if (sent[field.fieldName] !== undefined) continue;
    if (field.required) {
      return {
        answer: answer(req, ctx, 'template-fields-missing'),
        note: `templateFields.${field.fieldName} is required by ${templateNo}`,
      };
    }
    if (field.defaultValue === undefined) {
      return {
        answer: answer(req, ctx, 'default-value-missing'),
        note: `templateFields.${field.fieldName} has no default`,
      };
    }
  }
  // The same merchantTxnId again is a retry: the provider answers with the invoice it already made.
  let invoice = [...ctx.state.invoices.values()].find(
    (i) => i.merchantId === body.merchantId && i.merchantTxnId === body.merchantTxnId,
  );
  const existed = invoice !== undefined;
  if (!invoice) {
    const invoiceNo = ctx.state.nextInvoiceNo();
    const recorded = ctx.book.get('createPaymentLink', 'success').fixture.response.body as Json;
    const link = String(recorded.paymentLink ?? '');
    invoice = {
      invoiceNo,
      merchantId: body.merchantId,
      merchantTxnId: body.merchantTxnId ?? '',
      amount: body.amount ?? '',
      paymentLink: link.replace(String(recorded.invoiceNo), invoiceNo),
      expiryDateTime: body.expiryDateTime ?? formatOneLinkDateTime(ctx.now() + WEEK_MS),
      cancelled: false,
    };
    ctx.state.addInvoice(invoice);
  }
  const sent0000 = body.deliveryChannel === 'NONE';
  const code = sent0000 ? 'OTS0000' : 'OTS0001';
  const a = answer(req, ctx, 'success', {
    statusCode: code,
    statusDescription: req.spec.responseCodes[code]?.description,
    invoiceNo: invoice.invoiceNo,
    merchantTxnId: invoice.merchantTxnId,
    paymentLink: invoice.paymentLink,
    expiryDateTime: invoice.expiryDateTime,
  });
  return {
    answer: a,
    note: existed
      ? `same merchantTxnId: invoice ${invoice.invoiceNo} again`
      : `invoice ${invoice.invoiceNo} created`,
  };
}

function actOnInvoice(req: SimRequest, ctx: SimContext, body: LinkBody, cancel: boolean): Decision {
  const invoice: Invoice | undefined = ctx.state.invoices.get(body.invoiceNo ?? '');
  if (!invoice || invoice.merchantId !== body.merchantId) {
    return {
      answer: answer(req, ctx, 'invoice-not-found'),
      note: `no invoice ${body.invoiceNo} for ${body.merchantId}`,
    };
  }
  if (invoice.cancelled) {
    return {
      answer: answer(req, ctx, 'cancelled-invoice'),
      note: `invoice ${invoice.invoiceNo} was cancelled`,
    };
  }
  if (cancel) invoice.cancelled = true;
  return {
    answer: answer(req, ctx, 'success', { invoiceNo: invoice.invoiceNo }),
    note: `invoice ${invoice.invoiceNo} ${cancel ? 'cancelled' : 'sent again'}`,
  };
}

/**
 * Link Based Payments: the merchant's MID and password (checked when SIM_LINK_MERCHANT_ID /
 * SIM_LINK_PASSWORD are set), the HMAC-SHA512 signature against SIM_LINK_HASH_KEY (OTS1011), the
 * console templates of the recorded getTemplate/getTemplateDetails, and invoices as state: create
 * gives an invoice number, resend and cancel act on it, a cancelled one answers OTS1015 and an
 * unknown one OTS1012.
 */
export const linkPaymentsBehaviour: ApiBehaviour = {
  unauthenticated(req, ctx) {
    return { answer: answer(req, ctx, 'invalid-credentials') };
  },
  invalid(req, issues, reason, ctx) {
    const scenario =
      reason === 'json' || reason === 'content-type'
        ? 'invalid-json'
        : reason === 'schema' && issues.every((i) => i.rule === 'required')
          ? 'parameters-missing'
          : 'bad-request';
    const fixture =
      ctx.book.find(req.op.operationId, scenario) ?? ctx.book.get(req.op.operationId, 'parameters-missing');
    return refusal(answerFrom(fixture), issues);
  },
  handle(req, ctx) {
    const body = req.body as LinkBody;
    const { linkMerchantId, linkPassword, linkHashKey } = ctx.config;
    if (
      (linkMerchantId !== undefined && body.merchantId !== linkMerchantId) ||
      (linkPassword !== undefined && body.password !== linkPassword)
    ) {
      return {
        answer: answer(req, ctx, 'invalid-credentials'),
        note: 'MID or password is not the configured one',
      };
    }
    const op = req.op.operationId;
    if (op === 'getTemplate') return { answer: answer(req, ctx, 'success') };
    if (op === 'getTemplateDetails') {
      const { listed, details } = templatesOf(ctx);
      const no = String((req.body as Json).templateNo);
      if (details.has(no)) return { answer: answer(req, ctx, 'success') };
      return {
        answer: answer(req, ctx, listed.has(no) ? 'template-details-not-found' : 'template-not-found'),
      };
    }
    const input =
      op === 'createPaymentLink'
        ? {
            mid: body.merchantId,
            password: body.password,
            amount: body.amount ?? '',
            merchantTxnId: body.merchantTxnId ?? '',
          }
        : { mid: body.merchantId, password: body.password, invoiceNo: body.invoiceNo ?? '' };
    if (!verifyLink(linkHashKey, input, body.signature)) {
      return {
        answer: answer(req, ctx, 'signature-mismatch'),
        note: 'signature does not verify with SIM_LINK_HASH_KEY',
      };
    }
    if (op === 'createPaymentLink') return createInvoice(req, ctx, body);
    if (op === 'resendPaymentLink') return actOnInvoice(req, ctx, body, false);
    return actOnInvoice(req, ctx, body, true);
  },
};
