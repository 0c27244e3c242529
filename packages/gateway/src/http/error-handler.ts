import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { ProblemError, type ProblemIssue, problemForStatus } from '../problems.js';

/** Unmatched routes become a not-found problem (rendered by the error handler like everything else). */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ProblemError('not-found', `No route ${req.method} ${req.path}.`));
};

interface ValidatorError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  path?: string;
  errors?: Array<{ path?: string; message?: string; errorCode?: string }>;
  headers?: Record<string, string>;
}

/**
 * The last handler: the only place an error body is written. ProblemErrors render as themselves;
 * validator and body-parser errors map to catalogue entries; anything else is a logged 500 whose
 * details stay in the log (with the request id), never in the response.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    if (res.headersSent) {
      logger.error({ err: error, requestId }, 'error after the response started; connection closed');
      res.destroy();
      return;
    }
    let problem: ProblemError;
    if (error instanceof ProblemError) {
      problem = error;
    } else {
      const e = (error ?? {}) as ValidatorError;
      const status = e.status ?? e.statusCode ?? 500;
      if (status >= 500) {
        logger.error({ err: error, requestId, path: req.path }, 'unhandled error');
        problem = new ProblemError('internal', 'The error was logged with the request id.');
      } else if (e.type === 'entity.too.large') {
        problem = new ProblemError('payload-too-large', 'The limit is 16 KiB.');
      } else if (e.type === 'entity.parse.failed') {
        problem = new ProblemError('validation', 'The body is not valid JSON.', {
          errors: [{ field: 'body', rule: 'json', message: 'is not valid JSON' }],
        });
      } else {
        const name = problemForStatus(status);
        const errors = issuesFrom(e);
        const first = errors[0];
        let detail: string | undefined;
        if (name === 'validation') detail = first ? `${first.field}: ${first.message}` : e.message;
        // The validator's 404/405/415 carry the URL path as their "field" (v1.qr.merchant): say it plainly.
        else if (name === 'not-found') detail = `No route ${req.method} ${req.path}.`;
        else if (name === 'method-not-allowed') detail = `${req.method} is not allowed on ${req.path}.`;
        else detail = `${req.method} ${req.path}: ${e.errors?.[0]?.message ?? e.message ?? name}.`;
        problem = new ProblemError(
          name,
          detail,
          errors.length > 0 && name === 'validation' ? { errors } : {},
          e.headers ?? {},
        );
      }
    }
    res.status(problem.status);
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res.type('application/problem+json').json(problem.body(requestId));
  };
}

/** express-openapi-validator's `/body/merchantDetails/iban` + `maxLength.openapi.validation`. */
function issuesFrom(e: ValidatorError): ProblemIssue[] {
  return (e.errors ?? []).map((item) => {
    const field = (item.path ?? e.path ?? '')
      .replace(/^\.?\/?/, '')
      .replace(/\//g, '.')
      .replace(/^headers\./, 'header.');
    const rule = (item.errorCode ?? 'invalid').replace(/\.openapi\.(validation|requestValidation)$/, '');
    return { field: field || 'request', rule, message: item.message ?? 'is invalid' };
  });
}
