import { randomBytes } from 'node:crypto';
import { verifySnap } from '@onelink-kit/signing';
import { answerFrom, type SimAnswer } from './fixture-book.js';
import { type ApiBehaviour, refusal, type SimContext, type SimRequest } from './sim-request.js';

/**
 * A recorded SNAP error whose responseMessage names the field, as the SNAP convention does ("Invalid
 * Field Format X-TIMESTAMP"): the spec's description of the code followed by the field.
 */
function naming(req: SimRequest, ctx: SimContext, scenario: string, field: string): SimAnswer {
  const a = answerFrom(ctx.book.get(req.op.operationId, scenario));
  const body = a.body as { responseCode: string; responseMessage: string };
  const description = req.spec.responseCodes[body.responseCode]?.description ?? body.responseMessage;
  body.responseMessage = `${description} ${field}`.slice(0, 150);
  return a;
}

/**
 * SNAP Get OAuth Code: the bearer token must be there (the provider's token issuing is outside the
 * spec, so any is accepted), X-TIMESTAMP within SIM_SNAP_TIMESTAMP_WINDOW_S of the simulator's clock,
 * X-SIGNATURE verifying with SIM_SNAP_CLIENT_SECRET over the request exactly as sent, and X-EXTERNAL-ID
 * not used before today by the same X-PARTNER-ID; then a fresh auth code echoing the state.
 */
export const snapBehaviour: ApiBehaviour = {
  unauthenticated(req, ctx) {
    return { answer: answerFrom(ctx.book.get(req.op.operationId, 'invalid-token')), note: 'no bearer token' };
  },
  invalid(req, issues, reason, ctx) {
    const first = issues[0];
    const answer =
      reason !== 'schema' || first === undefined
        ? answerFrom(ctx.book.get(req.op.operationId, 'bad-request'))
        : naming(
            req,
            ctx,
            first.rule === 'required' ? 'missing-mandatory-field' : 'invalid-field-format',
            first.field,
          );
    return refusal(answer, issues, 'query');
  },
  handle(req, ctx) {
    const op = req.op.operationId;
    const now = ctx.now();
    const timestamp = req.headers['x-timestamp'] ?? '';
    const at = Date.parse(timestamp);
    const windowS = ctx.config.snapTimestampWindowS;
    if (Number.isNaN(at) || Math.abs(now - at) > windowS * 1000) {
      return {
        answer: naming(req, ctx, 'invalid-field-format', 'X-TIMESTAMP'),
        note: `X-TIMESTAMP is more than ${windowS} s from the simulator's clock (${new Date(now).toISOString()})`,
      };
    }
    const accessToken = (req.headers.authorization ?? '').replace(/^bearer\s+/i, '');
    const input = { method: req.method, urlPath: req.target, accessToken, body: req.rawBody, timestamp };
    if (!verifySnap(ctx.config.snapClientSecret, input, req.headers['x-signature'])) {
      return {
        answer: answerFrom(ctx.book.get(op, 'invalid-signature')),
        note: 'X-SIGNATURE does not verify with SIM_SNAP_CLIENT_SECRET',
      };
    }
    const externalId = req.headers['x-external-id'] ?? '';
    if (!ctx.state.useExternalId(req.headers['x-partner-id'] ?? '', externalId, now)) {
      return {
        answer: answerFrom(ctx.book.get(op, 'duplicate-external-id')),
        note: `X-EXTERNAL-ID ${externalId} already used today`,
      };
    }
    const answer = answerFrom(ctx.book.get(op, 'success'), {
      body: { authCode: randomBytes(16).toString('hex'), state: req.query.get('state') ?? undefined },
    });
    return { answer, note: 'auth code issued' };
  },
};
