import { answerFrom } from './fixture-book.js';
import { plainAnswer, recordedAnswer } from './recorded-answer.js';
import { type ApiBehaviour, describeIssues, refusal } from './sim-request.js';

interface TokenForm {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
}

/**
 * 1LINK's OAuth token endpoint: every valid client-credentials request gets a new random token that
 * lives SIM_TOKEN_TTL_S seconds. With SIM_CLIENT_SECRET set, another secret gets the recorded
 * invalid-client answer; without it any client is accepted, as Prism accepts any.
 */
export const oauthBehaviour: ApiBehaviour = {
  unauthenticated(req, ctx) {
    return { answer: recordedAnswer(req, ctx, 401) ?? plainAnswer(req, 401, 'unauthenticated') };
  },
  invalid(req, issues, _reason, ctx) {
    const base = recordedAnswer(req, ctx, 400) ?? plainAnswer(req, 400, 'invalid request');
    const grantType = issues.some((i) => i.field === 'grant_type' && i.rule === 'enum');
    const body = {
      ...(base.body as object),
      // RFC 6749 (OAuth 2.0) names a missing or malformed parameter invalid_request, an unknown grant type
      // unsupported_grant_type.
      error: grantType ? 'unsupported_grant_type' : 'invalid_request',
      error_description: describeIssues(issues),
    };
    return refusal({ ...base, body }, issues);
  },
  handle(req, ctx) {
    const form = req.body as TokenForm;
    if (ctx.config.clientSecret !== undefined && form.client_secret !== ctx.config.clientSecret) {
      return {
        answer: answerFrom(ctx.book.get(req.op.operationId, 'invalid-client')),
        note: 'wrong client secret',
      };
    }
    const ttl = ctx.config.tokenTtlS;
    const token = ctx.state.issueToken(form.client_id ?? '', ttl * 1000, ctx.now());
    const answer = answerFrom(ctx.book.get(req.op.operationId, 'success'), {
      body: { access_token: token, expires_in: ttl, scope: form.scope },
    });
    return { answer, note: `token issued for ${ttl} s` };
  },
};
