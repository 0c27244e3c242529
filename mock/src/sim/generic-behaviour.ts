import { plainAnswer, recordedAnswer } from './recorded-answer.js';
import { type ApiBehaviour, describeIssues, refusal } from './sim-request.js';

/**
 * How an operation without behaviour of its own is simulated: like Prism, with the recorded answers
 * (success for a valid request, the first recorded 401 without credentials, 400 naming the fields).
 */
export const genericBehaviour: ApiBehaviour = {
  unauthenticated(req, ctx) {
    const answer = recordedAnswer(req, ctx, 401) ?? plainAnswer(req, 401, 'credentials are missing');
    return { answer, note: 'credentials missing' };
  },
  invalid(req, issues, _reason, ctx) {
    const base = recordedAnswer(req, ctx, 400) ?? plainAnswer(req, 400, describeIssues(issues));
    return refusal(base, issues);
  },
  handle(req, ctx) {
    const answer = recordedAnswer(req, ctx, 200, 'success') ?? plainAnswer(req, 200, 'ok');
    return { answer };
  },
};
