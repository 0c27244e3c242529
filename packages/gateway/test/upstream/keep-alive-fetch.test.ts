import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createOneLinkClient } from '@onelink-kit/client';
import {
  callUpstream,
  capAnswerSize,
  OneLinkAnswerTooLargeError,
  OneLinkNetworkError,
  OneLinkTimeoutError,
} from '@onelink-kit/core';
import { closedPortUrl, makeTempDir, merchantBody, startFakeOneLink } from '@onelink-kit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeepAliveFetch, type KeepAliveFetch } from '../../src/upstream/keep-alive-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Upstream {
  url: string;
  /** Sockets the server accepted, and how many of them have closed. */
  connections: { opened: number; closed: number };
  stop(): Promise<void>;
}

const open: Array<{ stop(): Promise<void> } | KeepAliveFetch> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) {
    if ('fetch' in thing) thing.close();
    else await thing.stop();
  }
});

function transport(options: Parameters<typeof createKeepAliveFetch>[0] = {}): KeepAliveFetch {
  const made = createKeepAliveFetch(options);
  open.push(made);
  return made;
}

async function listen(server: Server, scheme: 'http' | 'https', handler: Handler): Promise<Upstream> {
  const connections = { opened: 0, closed: 0 };
  server.on('connection', (socket) => {
    connections.opened++;
    socket.once('close', () => connections.closed++);
  });
  server.on('secureConnection', () => undefined);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const upstream = {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  open.push(upstream);
  return upstream;
}

const echo: Handler = (req, res, body) => {
  const text = JSON.stringify({ method: req.method, path: req.url, headers: req.headers, body });
  res.writeHead(201, { 'content-type': 'application/json', 'x-answer': 'yes' });
  res.end(text);
};

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('createKeepAliveFetch', () => {
  it.each([
    {
      given: 'a platform Request',
      send: (t: KeepAliveFetch, url: string, init: RequestInit) => t.fetch(new Request(url, init)),
    },
    {
      given: "the transport's own Request",
      send: (t: KeepAliveFetch, url: string, init: RequestInit) => t.fetch(new t.Request(url, init)),
    },
    {
      given: 'a URL and init',
      send: (t: KeepAliveFetch, url: string, init: RequestInit) => t.fetch(url, init),
    },
  ])(
    'sends $given as it is (method, path and query, headers, body) and hands back the answer',
    async ({ send }) => {
      const upstream = await listen(createServer(), 'http', echo);
      const answer = await send(transport(), `${upstream.url}/1Link/generateDQRCMerchant?x=1`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer t',
          'x-ibm-client-id': 'c',
        },
        body: JSON.stringify({ amount: 'ü' }),
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-answer')).toBe('yes');
      const seen = (await answer.json()) as {
        method: string;
        path: string;
        headers: Record<string, string>;
        body: string;
      };
      expect(seen).toMatchObject({
        method: 'POST',
        path: '/1Link/generateDQRCMerchant?x=1',
        body: '{"amount":"ü"}',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer t',
          'x-ibm-client-id': 'c',
          'content-length': String(Buffer.byteLength('{"amount":"ü"}')),
        },
      });
    },
  );

  it('sends a body of another kind (form fields) through the platform Request', async () => {
    const upstream = await listen(createServer(), 'http', echo);
    const t = transport();
    const answer = await t.fetch(
      new t.Request(`${upstream.url}/f`, { method: 'POST', body: new URLSearchParams({ a: 'b c' }) }),
    );
    expect(await answer.json()).toMatchObject({
      body: 'a=b+c',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    });
  });

  it('takes a URL and init as fetch does', async () => {
    const upstream = await listen(createServer(), 'http', echo);
    const answer = await transport().fetch(`${upstream.url}/p`, { method: 'PUT', body: 'a=1' });
    expect(await answer.json()).toMatchObject({ method: 'PUT', path: '/p', body: 'a=1' });
  });

  it('reuses one socket for calls one after another, and closes it once idle', async () => {
    const upstream = await listen(createServer(), 'http', echo);
    const { fetch } = transport({ idleTimeoutMs: 100 });
    for (let i = 0; i < 5; i++) {
      const answer = await fetch(`${upstream.url}/n${i}`, { method: 'POST', body: String(i) });
      expect(await answer.json()).toMatchObject({ path: `/n${i}`, body: String(i) });
    }
    expect(upstream.connections.opened).toBe(1);
    await until(() => upstream.connections.closed === 1);
    expect(upstream.connections.closed).toBe(1);
  });

  it.each([
    { name: 'read whole', bufferUpToBytes: undefined },
    { name: 'streamed', bufferUpToBytes: 1 },
  ])(
    'an abort after an answer was $name does not touch the socket the next call reuses',
    async ({ bufferUpToBytes }) => {
      let calls = 0;
      const upstream = await listen(createServer(), 'http', (req, res, body) => {
        calls++;
        // The second call is still waiting for its answer when the first call's signal fires.
        setTimeout(() => echo(req, res, body), calls === 1 ? 0 : 100);
      });
      const { fetch } = transport(bufferUpToBytes === undefined ? {} : { bufferUpToBytes });
      const first = new AbortController();
      const answer = await fetch(`${upstream.url}/one`, { method: 'POST', body: '1', signal: first.signal });
      expect(await answer.json()).toMatchObject({ path: '/one' });
      const second = fetch(`${upstream.url}/two`, { method: 'POST', body: '2' });
      await until(() => calls === 2);
      first.abort();
      expect(await (await second).json()).toMatchObject({ path: '/two' });
      expect(upstream.connections.opened).toBe(1);
    },
  );

  it("an answer read whole leaves no listener on the caller's signal by the time the caller has it", async () => {
    const upstream = await listen(createServer(), 'http', echo);
    const { signal } = new AbortController();
    const answer = await transport().fetch(`${upstream.url}/one`, { method: 'POST', body: '1', signal });
    // Nothing is left to cancel, and core's attemptSignal reuses a signal only when nobody hears it.
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(await answer.json()).toMatchObject({ path: '/one' });
  });

  it('gives a bodiless status a null body', async () => {
    const upstream = await listen(createServer(), 'http', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const answer = await transport().fetch(`${upstream.url}/`);
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
  });

  describe('answers the client cap reads: whole, or streamed once past the buffer size', () => {
    const big = 'x'.repeat(64 * 1024);
    it.each([
      { name: 'chunked (no Content-Length), read whole', declared: false, bufferUpToBytes: undefined },
      { name: 'chunked, past bufferUpToBytes while read', declared: false, bufferUpToBytes: 1_000 },
      { name: 'declared above bufferUpToBytes', declared: true, bufferUpToBytes: 1_000 },
    ])(
      '$name: read whole when under the cap, refused by the cap when over',
      async ({ declared, bufferUpToBytes }) => {
        const upstream = await listen(createServer(), 'http', (_req, res) => {
          res.writeHead(200, {
            'content-type': 'application/json',
            ...(declared ? { 'content-length': String(big.length + 2) } : {}),
          });
          res.write('"');
          res.end(`${big}"`);
        });
        const made = transport(bufferUpToBytes === undefined ? {} : { bufferUpToBytes });
        expect(await (await capAnswerSize(made.fetch, 1_000_000)(`${upstream.url}/`)).json()).toBe(big);
        const refused = await capAnswerSize(made.fetch, 1_000)(`${upstream.url}/`).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(OneLinkAnswerTooLargeError);
      },
    );
  });

  describe('failures, as core callUpstream reports them', () => {
    const call = (fetch: typeof globalThis.fetch, url: string, timeoutMs: number, signal?: AbortSignal) =>
      callUpstream(
        async (s) => (await fetch(url, { method: 'POST', body: '{}', signal: s ?? null })).text(),
        {
          timeoutMs,
          signal,
          notJson: () => new Error('not json'),
        },
      );

    it('a refused connection is a retryable OneLinkNetworkError with its errno', async () => {
      const error = await call(transport().fetch, await closedPortUrl(), 5_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OneLinkNetworkError);
      expect(error).toMatchObject({ errno: 'ECONNREFUSED', retryable: true });
    });

    it('a socket reset before the whole answer is a OneLinkNetworkError ECONNRESET', async () => {
      const upstream = await listen(createServer(), 'http', (req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => req.socket.destroy(), 20);
      });
      const error = await call(transport().fetch, upstream.url, 5_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OneLinkNetworkError);
      expect(error).toMatchObject({ errno: 'ECONNRESET' });
    });

    it('the per-attempt timeout is OneLinkTimeoutError, and the hung socket is dropped', async () => {
      const upstream = await listen(createServer(), 'http', () => undefined);
      const error = await call(transport().fetch, upstream.url, 50).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OneLinkTimeoutError);
      await until(() => upstream.connections.closed === 1);
      expect(upstream.connections.closed).toBe(1);
    });

    it("the caller's abort rejects with their reason", async () => {
      const upstream = await listen(createServer(), 'http', () => undefined);
      const controller = new AbortController();
      const settled = call(transport().fetch, upstream.url, 60_000, controller.signal).catch(
        (e: unknown) => e,
      );
      await until(() => upstream.connections.opened === 1);
      controller.abort(new Error('caller gave up'));
      expect(await settled).toMatchObject({ message: 'caller gave up' });
    });

    it('after close() it sends nothing', async () => {
      const upstream = await listen(createServer(), 'http', echo);
      const made = createKeepAliveFetch();
      made.close();
      await expect(made.fetch(`${upstream.url}/`)).rejects.toThrow(/fetch failed/);
      expect(upstream.connections.opened).toBe(0);
    });
  });

  describe('https', () => {
    // A self-signed certificate for 127.0.0.1, made for this test (openssl is part of the base system).
    const dir = makeTempDir('keep-alive-tls-');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        dir.join('key.pem'),
        '-out',
        dir.join('cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(dir.join('cert.pem'));
    const key = readFileSync(dir.join('key.pem'));
    dir.remove();

    it('verifies the certificate: an unknown issuer is refused', async () => {
      const upstream = await listen(createTlsServer({ cert, key }), 'https', echo);
      const error = await transport()
        .fetch(`${upstream.url}/`)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    });

    it('speaks TLS to a trusted server over one kept-alive socket', async () => {
      const upstream = await listen(createTlsServer({ cert, key }), 'https', echo);
      const { fetch } = transport({ tls: { ca: cert } });
      for (let i = 0; i < 3; i++) {
        const answer = await fetch(`${upstream.url}/t${i}`, { method: 'POST', body: 'b' });
        expect(await answer.json()).toMatchObject({ path: `/t${i}`, body: 'b' });
      }
      expect(upstream.connections.opened).toBe(1);
    });
  });

  it('carries the 1LINK client end to end against the fake 1LINK (token, then QR)', async () => {
    const fake = await startFakeOneLink();
    open.push(fake);
    const t = transport();
    const client = createOneLinkClient({
      baseUrl: `${fake.url}/1Link`,
      tokenUrl: fake.tokenUrl,
      clientId: 'client-id',
      clientSecret: 'client-secret',
      // As the gateway pairs them: the transport's fetch with its Request class.
      fetch: t.fetch,
      Request: t.Request,
    });
    const result = await client.generateDQRCMerchant(merchantBody());
    expect(result.data.responseCode).toBe('00');
    expect(result.qr?.payload).toMatch(/^000201/);
    expect(fake.calls).toMatchObject({ token: 1, merchant: 1 });
  });
});
