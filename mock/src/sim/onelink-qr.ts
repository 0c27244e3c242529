import {
  type QrOperationId,
  qrBodyParts,
  qrRequestIssues,
  RRN_PATTERN,
  STAN_PATTERN,
  type ValidationIssue,
} from '@onelink-kit/core';
import {
  build,
  EmvQrBuildError,
  fieldsFromRequest,
  type MerchantRegistryEntry,
  type OneLinkQrRequestLike,
} from '@onelink-kit/emvqr';
import { answerFrom, type SimAnswer } from './fixture-book.js';
import { registryFromFixtures } from './qr-registry.js';
import {
  type ApiBehaviour,
  type Decision,
  refusal,
  type SimContext,
  type SimRequest,
} from './sim-request.js';

/** The stan/rrn a request carries, where they are well-formed (an answer echoes only those). */
function echoedIds(body: unknown): { stan?: string; rrn?: string } {
  if (!body || typeof body !== 'object') return {};
  const { info } = qrBodyParts(body as OneLinkQrRequestLike);
  const ids: { stan?: string; rrn?: string } = {};
  if (typeof info?.stan === 'string' && STAN_PATTERN.test(info.stan)) ids.stan = info.stan;
  if (typeof info?.rrn === 'string' && RRN_PATTERN.test(info.rrn)) ids.rrn = info.rrn;
  return ids;
}

/** A recorded 1LINK answer with the request's own stan/rrn in place of the recorded ones. */
function echoing(req: SimRequest, ctx: SimContext, scenario: string): SimAnswer {
  const answer = answerFrom(ctx.book.get(req.op.operationId, scenario), { body: echoedIds(req.body) });
  const body = answer.body as Record<string, unknown>;
  // A recorded id the request did not send (or sent malformed) is not this request's: leave it out.
  for (const key of ['stan', 'rrn'] as const) if (!(key in echoedIds(req.body))) delete body[key];
  return answer;
}

function refused(req: SimRequest, ctx: SimContext, issues: ValidationIssue[]): Decision {
  return refusal(echoing(req, ctx, 'validation-error'), issues);
}

/**
 * 1LINK's merchant and aggregator dynamic QR, in API Connect's order: the token (live and issued to
 * this X-IBM-Client-Id), the plan's rate limit, 1LINK's validation (the spec, expiry window, the
 * aggregator's merchant registered), the RRN unused today, then a QR built from the request.
 */
export function qrBehaviour(): ApiBehaviour {
  let registry: Map<string, MerchantRegistryEntry> | undefined;
  return {
    unauthenticated(req, ctx) {
      return {
        answer: answerFrom(ctx.book.get(req.op.operationId, 'unauthorized')),
        note: 'credentials missing',
      };
    },
    invalid(req, issues, _reason, ctx) {
      return refused(req, ctx, issues);
    },
    handle(req, ctx) {
      const op = req.op.operationId;
      const now = ctx.now();
      const clientId = req.headers['x-ibm-client-id'] ?? '';
      const token = (req.headers.authorization ?? '').replace(/^bearer\s+/i, '').trim();
      const tokenProblem = ctx.state.tokenProblem(token, clientId, now);
      if (tokenProblem) return { answer: answerFrom(ctx.book.get(op, 'unauthorized')), note: tokenProblem };

      const limit = ctx.config.rateLimitPerS;
      const wait = limit === undefined ? undefined : ctx.state.overRate(clientId, limit, now);
      if (wait !== undefined) {
        const answer = answerFrom(ctx.book.get(op, 'rate-limited'), {
          headers: { 'retry-after': String(wait) },
        });
        return { answer, note: `over SIM_RATE_LIMIT=${limit}/s for this client id` };
      }

      const body = req.body as OneLinkQrRequestLike;
      const issues = qrRequestIssues(op as QrOperationId, body, { now });
      let entry: MerchantRegistryEntry | undefined;
      if (op === 'generateDQRCAggregator') {
        registry ??= registryFromFixtures(ctx.book);
        const merchantId = body.merchantDetails?.merchantID;
        entry = merchantId === undefined ? undefined : registry.get(merchantId);
        if (merchantId !== undefined && !entry) {
          const known = [...registry.keys()].join(', ') || 'none';
          issues.push({
            field: 'merchantDetails.merchantID',
            rule: 'registered',
            message: `is not registered with 1LINK (the simulator knows ${known})`,
          });
        }
      }
      if (issues.length > 0) return refused(req, ctx, issues);

      // The QR is made before the RRN counts as used: a request it cannot be made from is refused.
      let qrString: string;
      try {
        qrString = build(fieldsFromRequest(body, entry ? { registry: entry } : {}));
      } catch (error) {
        if (!(error instanceof EmvQrBuildError)) throw error;
        const problems = error.problems.map((p) => ({
          field: `qr tag ${p.tag ?? '?'}`,
          rule: p.rule ?? p.code,
          message: p.message,
        }));
        return refused(req, ctx, problems);
      }
      const ids = echoedIds(body);
      if (ids.rrn !== undefined && !ctx.state.useRrn(clientId, ids.rrn, now)) {
        const note = `RRN ${ids.rrn} already used today by this client id`;
        return { answer: echoing(req, ctx, 'duplicate-rrn'), note };
      }
      const { paymentDetails } = qrBodyParts(body);
      const answer = answerFrom(ctx.book.get(op, 'success'), {
        body: { ...ids, qrString, expiryDateTime: paymentDetails?.expiryDateTime },
      });
      return { answer, note: 'QR built from the request' };
    },
  };
}
