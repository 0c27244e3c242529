import { type RunningMocks, startMocks, startPrism } from '@onelink-kit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_SPEC, makeTempLayout, miniFixture } from '../support/temp-layout.js';

// What Prism 5.14.2 really does with a merged mock spec (servers with base paths, scenario selection,
// security and validation). One Prism for the whole file: it takes a second or two to start.
const layout = makeTempLayout({
  specs: { 'mini.yaml': MINI_SPEC },
  fixtures: [
    {
      operationId: 'miniCreateOrder',
      scenario: 'success',
      fixture: miniFixture({ response: { body: { code: '00', ref: 'fx' } } }),
    },
    {
      operationId: 'miniCreateOrder',
      scenario: 'other',
      fixture: miniFixture({ response: { body: { code: '01' } } }),
    },
    {
      operationId: 'miniCreateOrder',
      scenario: 'bad',
      fixture: miniFixture({ response: { status: 400, body: { code: '12' } } }),
    },
    {
      operationId: 'miniCreateOrder',
      scenario: 'unauthorized',
      fixture: miniFixture({ response: { status: 401, body: { error: 'expired' } } }),
    },
    {
      operationId: 'miniToken',
      scenario: 'success',
      fixture: miniFixture({
        request: {
          path: '/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: { grant_type: 'client_credentials', client_id: '<ID>', client_secret: '<SECRET>' },
        },
        response: { body: { access_token: '<ACCESS_TOKEN>' } },
      }),
    },
  ],
});

let mocks: RunningMocks | undefined;
let base = '';
beforeAll(async () => {
  mocks = await startMocks({ layout, basePort: 0 });
  base = mocks.mocks[0]!.server.url;
});
afterAll(async () => {
  await mocks?.stop();
  layout.cleanup();
});

const auth = { 'x-client-id': 'anything', authorization: 'Bearer anything' };
async function post(path: string, headers: Record<string, string>, body: string, type = 'application/json') {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
  });
  return { status: res.status, violations: res.headers.get('sl-violations'), body: await res.text() };
}
const order = JSON.stringify({ ref: '000000000001', amount: 5 });

describe('Prism serving a merged mock spec', () => {
  it('listens on 127.0.0.1 on the port the OS chose', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mocks!.mocks[0]!.server.port).toBeGreaterThan(0);
  });

  it.each<{ name: string; headers: Record<string, string>; want: unknown }>([
    {
      name: 'no Prefer → the success fixture',
      headers: {},
      want: { status: 200, body: { code: '00', ref: 'fx' } },
    },
    {
      name: 'bare example= for a 2xx scenario',
      headers: { prefer: 'example=other' },
      want: { status: 200, body: { code: '01' } },
    },
    {
      name: 'code + example for an error scenario',
      headers: { prefer: 'code=400, example=bad' },
      want: { status: 400, body: { code: '12' } },
    },
    {
      name: 'code alone → first example of that status',
      headers: { prefer: 'code=401' },
      want: { status: 401, body: { error: 'expired' } },
    },
  ])('$name', async ({ headers, want }) => {
    const res = await post('/orders', { ...auth, ...headers }, order);
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual(want);
  });

  it('answers 404 NOT_FOUND for a bare example= naming an error scenario (it only looks in the 2xx response)', async () => {
    const res = await post('/orders', { ...auth, prefer: 'example=bad' }, order);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({
      detail: expect.stringContaining('exampleKey: bad does not exist'),
    });
  });

  it('answers 401 with the 401 example when credentials are missing, even if a scenario is asked for', async () => {
    const res = await post('/orders', { prefer: 'code=200, example=success' }, order);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: 'expired' });
    expect(res.violations).toContain('Invalid security scheme used');
  });

  it('answers 400 with the first 400 example for a schema-breaking body and names the field in sl-violations', async () => {
    const res = await post('/orders', auth, JSON.stringify({ ref: 'abc', amount: 5 }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ code: '12' });
    expect(JSON.parse(res.violations!)).toEqual([
      expect.objectContaining({ location: ['request', 'body', 'ref'], code: 'pattern' }),
    ]);
  });

  it('serves operations at their spec path, ignoring upstream server base paths', async () => {
    const token = await post(
      '/token',
      {},
      'grant_type=client_credentials&client_id=a&client_secret=b',
      'application/x-www-form-urlencoded',
    );
    expect({ status: token.status, body: JSON.parse(token.body) }).toEqual({
      status: 200,
      body: { access_token: '<ACCESS_TOKEN>' },
    });
    const prefixed = await post('/base/api/orders', auth, order);
    expect(prefixed.status).toBe(404);
  });
});

describe('startPrism', () => {
  it('rejects with Prism output when the spec cannot be served', async () => {
    await expect(
      startPrism({ specFile: `${layout.repoRoot}/does-not-exist.yaml`, readyTimeoutMs: 20_000 }),
    ).rejects.toThrow(/Prism exited .* before it was ready/);
  });

  it('rejects naming the address and the fix when the port is in use', async () => {
    // The mock Prism started above holds its port: a second Prism on it must fail plainly.
    const busy = Number(new URL(base).port);
    await expect(
      startPrism({ specFile: mocks!.mocks[0]!.mockFile, port: busy, readyTimeoutMs: 20_000 }),
    ).rejects.toThrow(
      new RegExp(`could not listen on 127\\.0\\.0\\.1:${busy} for .*: the port is in use.*MOCK_PORT=0`),
    );
  });

  it('stop() ends the Prism process', async () => {
    const server = await startPrism({ specFile: mocks!.mocks[0]!.mockFile });
    await server.stop();
    expect(() => process.kill(server.pid!, 0)).toThrow();
    await server.stop(); // idempotent
  });
});
