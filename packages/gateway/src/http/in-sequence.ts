import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The handlers as one middleware, run in order as express's router would run them as separate
 * `app.use` layers: each goes on when the one before calls next(); an error (passed to next, thrown,
 * or a rejected promise) skips the rest and goes to the app's error handlers. One router layer
 * instead of one per handler: the router allocates a match record and a closure for every layer a
 * request passes (its `next` was the largest allocation site in a sampled heap profile of the
 * bench's GETs and replays), and every request passes these.
 */
export function inSequence(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      // 'route' and 'router' are the router's own signals: leave them to it, as a layer would.
      if (error !== undefined && error !== null && error !== 'route') {
        next(error);
        return;
      }
      const handler = handlers[index++];
      if (handler === undefined) {
        next();
        return;
      }
      try {
        const result: unknown = handler(req, res, step);
        // A returned promise that rejects is an error, as the router treats it.
        if (isThenable(result))
          result.then(undefined, (rejected) => next(rejected || new Error('Rejected promise')));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
