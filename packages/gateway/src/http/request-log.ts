import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { redactUrl } from './redact-url.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request's id: a sane X-Request-Id the caller sent, or a fresh UUID (see requestLog). */
    id: string;
    /** The request's logger, bound to its id: every line a request causes carries it. */
    log: Logger;
  }
}

/** Accepts a caller's X-Request-Id when it is a sane token, so ids can be followed across systems. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Level = 'silent' | 'info' | 'warn' | 'error';

/**
 * One line per request when its answer is finished, aborted or broken, written through pino: the
 * line pino-http wrote as the gateway configured it (`requestId`, then `req` {id, method, URL with
 * credentials redacted}, `res` {statusCode}, `err` for an errored one, `responseTime`, and "request
 * completed", "request aborted" or "request errored"), at info, warn (4xx) or error (5xx, a broken
 * answer). Start-up warm-up requests are not traffic and are not logged.
 *
 * In place of pino-http because that one built two child loggers and its bookkeeping on every
 * request (`allLogs` arrays, symbols on the response) for what the gateway reads of it: `req.id`,
 * `req.log` and this line. Measured in `pnpm bench:gateway` profiles and by a loop over both.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    const log = logger.child({ requestId: id });
    req.log = log;
    const started = Date.now();
    const settled = (error?: Error) => {
      res.removeListener('close', settled);
      res.removeListener('finish', settled);
      res.removeListener('error', settled);
      writeLine(log, req, res, started, error);
    };
    res.on('close', settled);
    res.on('finish', settled);
    res.on('error', settled);
    next();
  };
}

function levelOf(res: Response, error: Error | undefined): Level {
  if (res.locals.caller === 'warmup') return 'silent';
  if (error || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return 'info';
}

function writeLine(
  log: Logger,
  req: Request,
  res: Response,
  started: number,
  error: Error | undefined,
): void {
  const level = levelOf(res, error);
  if (level === 'silent') return;
  const responseTime = Date.now() - started;
  const request = { id: req.id, method: req.method, url: redactUrl(req.originalUrl || req.url) };
  // No status yet when the connection closed before an answer was sent.
  const answer = { statusCode: res.headersSent ? res.statusCode : null };
  if (error || res.statusCode >= 500) {
    const err = error ?? new Error(`failed with status code ${res.statusCode}`);
    log[level]({ req: request, res: answer, err, responseTime }, 'request errored');
    return;
  }
  const message = !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted';
  log[level]({ req: request, res: answer, responseTime }, message);
}
