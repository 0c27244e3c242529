import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { expressServer, runsOnAnyObject } from '../../src/http/express-server.js';

function demoApp(): Express {
  const app = express();
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res
      .status(201)
      .set('X-Seen-Type', req.get('content-type') ?? '')
      .json({ got: req.body, path: req.path });
  });
  app.get('/stream', (_req, res) => {
    res.type('text/plain');
    Readable.from(['a', 'b', 'c']).pipe(res);
  });
  return app;
}

let server: Server | undefined;
afterEach(async () => {
  const listening = server;
  server = undefined;
  if (listening === undefined) return;
  listening.closeAllConnections();
  await new Promise((resolve) => listening.close(resolve));
});

async function listen(made: Server): Promise<string> {
  server = made;
  await new Promise<void>((resolve) => made.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(made.address() as AddressInfo).port}`;
}

/** The prototypes of each request and response as they reach the server, before Express sees them. */
function arrivals(made: Server): Array<{ req: object | null; res: object | null }> {
  const seen: Array<{ req: object | null; res: object | null }> = [];
  made.prependListener('request', (req, res) => {
    seen.push({ req: Object.getPrototypeOf(req), res: Object.getPrototypeOf(res) });
  });
  return seen;
}

describe('expressServer', () => {
  it.each([
    { given: 'expressServer(app)', make: expressServer, want: 'app' },
    {
      given: 'node:http createServer(app), as app.listen does',
      make: (app: Express) => createServer(app),
      want: 'node',
    },
  ])('$given: requests and responses arrive on the prototypes it says', async ({ make, want }) => {
    const app = demoApp();
    const made = make(app);
    const seen = arrivals(made);
    const url = await listen(made);
    await (
      await fetch(`${url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).text();
    expect(seen).toEqual([
      want === 'app'
        ? { req: app.request, res: app.response }
        : { req: IncomingMessage.prototype, res: ServerResponse.prototype },
    ]);
  });

  it('serves the app as app.listen does: parsed bodies, request helpers, status, headers, streams, 404', async () => {
    const url = await listen(expressServer(demoApp()));
    for (const n of [1, 2]) {
      // Twice, over one keep-alive connection: each request gets objects of its own.
      const res = await fetch(`${url}/echo?n=${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-seen-type')).toBe('application/json');
      expect(await res.json()).toEqual({ got: { n }, path: '/echo' });
    }
    const streamed = await fetch(`${url}/stream`);
    expect(await streamed.text()).toBe('abc');
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
  });

  it('keeps node:http classes in the chain', async () => {
    const app = demoApp();
    const made = expressServer(app);
    let kinds: boolean[] = [];
    made.prependListener('request', (req, res) => {
      kinds = [req instanceof IncomingMessage, res instanceof ServerResponse, req instanceof Readable];
    });
    const url = await listen(made);
    await (await fetch(`${url}/stream`)).text();
    expect(kinds).toEqual([true, true, true]);
  });

  it.each([
    { given: "node:http's IncomingMessage", made: IncomingMessage, want: true },
    { given: "node:http's ServerResponse", made: ServerResponse, want: true },
    { given: 'a function', made: function Made() {}, want: true },
    { given: 'a class', made: class Made {}, want: false },
    { given: 'a subclass of IncomingMessage', made: class Made extends IncomingMessage {}, want: false },
  ])('$given runs on an object made elsewhere: $want', ({ made, want }) => {
    expect(runsOnAnyObject(made)).toBe(want);
  });
});
