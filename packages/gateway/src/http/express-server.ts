import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Express } from 'express';

type Constructor = (this: object, ...args: unknown[]) => void;

/**
 * An HTTP server for an Express app whose requests and responses are made on the app's own
 * prototypes (`app.request`, `app.response`) from the start.
 *
 * Express moves every request and response it is handed onto those prototypes with
 * `Object.setPrototypeOf` (express/lib/application.js, `app.handle`). Here the prototype is already
 * the one Express sets, so that call changes nothing. An object whose prototype V8 has to change
 * after it was built costs it far more than the call suggests: with node:http's own constructors
 * run on objects made here, a bare Express app spent ~105 instead of ~190 µs of CPU per request,
 * and its young-generation collections stopped promoting each request's objects (see the gateway
 * README's Performance section). Node's `IncomingMessage` and `ServerResponse` are plain
 * constructor functions, so they initialise an object created with another prototype as they
 * initialise their own.
 */
export function expressServer(app: Express): Server {
  // Should a later Node make either a class (which cannot be run on an object made elsewhere), the
  // server is made as app.listen makes it: slower, never broken.
  if (!runsOnAnyObject(IncomingMessage) || !runsOnAnyObject(ServerResponse)) return createServer(app);
  const AppRequest = function (this: object, ...args: unknown[]) {
    (IncomingMessage as unknown as Constructor).apply(this, args);
  } as unknown as typeof IncomingMessage;
  AppRequest.prototype = app.request;
  const AppResponse = function (this: object, ...args: unknown[]) {
    (ServerResponse as unknown as Constructor).apply(this, args);
  } as unknown as typeof ServerResponse;
  AppResponse.prototype = app.response as ServerResponse;
  return createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
}

/** A constructor written as a function (callable on an object made elsewhere), not as a class. */
export function runsOnAnyObject(made: object): boolean {
  return !Function.prototype.toString.call(made).startsWith('class');
}
