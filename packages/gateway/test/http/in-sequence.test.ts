import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSequence } from '../../src/http/in-sequence.js';

// inSequence must route a request as the same handlers given to app.use one by one would: the app
// below mounts each list both ways (under /one and /layers) and the answers must agree.
const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.trail = [...((res.locals.trail as string[] | undefined) ?? []), name];
    next();
  };
const HANDLERS: Record<string, RequestHandler[]> = {
  order: [mark('a'), mark('b'), mark('c')],
  'next(error)': [mark('a'), (_req, _res, next) => next(new Error('refused')), mark('never')],
  thrown: [
    mark('a'),
    () => {
      throw new Error('thrown');
    },
    mark('never'),
  ],
  rejected: [mark('a'), async () => Promise.reject(new Error('rejected')), mark('never')],
  "next('route')": [mark('a'), (_req, _res, next) => next('route'), mark('b')],
  answered: [mark('a'), (_req, res) => void res.json({ answered: true }), mark('never')],
  async: [mark('a'), async (_req, _res, next) => setImmediate(next), mark('b')],
};

let server: Server;
let url: string;
beforeAll(async () => {
  const app = express();
  for (const [i, handlers] of Object.values(HANDLERS).entries()) {
    const path = `/case-${i}`;
    app.use(`/one${path}`, inSequence(handlers));
    app.use(`/layers${path}`, ...handlers);
  }
  app.use((_req, res) => {
    res.json({ trail: res.locals.trail ?? [] });
  });
  const onError: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    res.status(500).json({ error: error.message, trail: res.locals.trail ?? [] });
  };
  app.use(onError);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(mount: 'one' | 'layers', name: string) {
  const res = await fetch(`${url}/${mount}/case-${Object.keys(HANDLERS).indexOf(name)}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('inSequence', () => {
  const cases = [
    { given: 'order', want: { status: 200, body: { trail: ['a', 'b', 'c'] } } },
    { given: 'next(error)', want: { status: 500, body: { error: 'refused', trail: ['a'] } } },
    { given: 'thrown', want: { status: 500, body: { error: 'thrown', trail: ['a'] } } },
    { given: 'rejected', want: { status: 500, body: { error: 'rejected', trail: ['a'] } } },
    { given: "next('route')", want: { status: 200, body: { trail: ['a', 'b'] } } },
    { given: 'answered', want: { status: 200, body: { answered: true } } },
    { given: 'async', want: { status: 200, body: { trail: ['a', 'b'] } } },
  ];
  it.each(cases)('$given: as separate app.use layers would', async ({ given, want }) => {
    expect(await answer('one', given)).toEqual(want);
    expect(await answer('layers', given)).toEqual(want);
  });
});
