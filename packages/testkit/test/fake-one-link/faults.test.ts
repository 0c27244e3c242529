import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOneLink, fullMerchantRequest, startFakeOneLink } from '../../src/index.js';
import { postQr, tokenOf } from './call.js';

let fake: FakeOneLink;
let headers: Record<string, string>;
afterEach(async () => {
  await fake.stop();
});

async function start() {
  fake = await startFakeOneLink();
  headers = { authorization: `Bearer ${await tokenOf(fake)}` };
}
const body = (n: number) => fullMerchantRequest({ stan: String(n).padStart(6, '0'), rrn: `63301000000${n}` });
const merchant = (n: number) => postQr(fake, 'generateDQRCMerchant', body(n), headers);

describe('injected faults', () => {
  it('a script answers the next calls in order, then the fake answers normally', async () => {
    await start();
    fake.script(
      'merchant',
      { status: 503, body: { responseCode: '91' } },
      { status: 429, headers: { 'retry-after': '2' } },
    );
    const answers = [await merchant(1), await merchant(2), await merchant(3)];
    expect(answers.map((a) => a.status)).toEqual([503, 429, 200]);
    expect(answers[0]?.json()).toEqual({ responseCode: '91' });
    expect(answers[1]?.headers.get('retry-after')).toBe('2');
    expect(fake.requests('merchant').map((r) => r.status)).toEqual([503, 429, 200]);
  });

  it("an operation's own script comes before the qr one, scripts before standing replies", async () => {
    await start();
    fake.always('qr', { status: 500, body: {} });
    fake.script('qr', { status: 502, body: {} });
    fake.script('merchant', { status: 504, body: {} });
    const statuses = [];
    for (let n = 1; n <= 4; n++) statuses.push((await merchant(n)).status);
    expect(statuses).toEqual([504, 502, 500, 500]);
    fake.clearFaults();
    expect((await merchant(5)).status).toBe(200);
  });

  it("a responder sees the request and the operation's call number", async () => {
    await start();
    fake.always('merchant', (request, n) =>
      n === 1 ? { status: 400, body: { echo: request.headers.authorization } } : 'default',
    );
    const first = await merchant(1);
    expect(first.json()).toEqual({ echo: headers.authorization });
    expect((await merchant(2)).status).toBe(200);
  });

  it('raw bodies: malformed JSON with a JSON content type', async () => {
    await start();
    fake.script('merchant', { raw: '{"responseCode":' });
    const answer = await merchant(1);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(() => answer.json()).toThrow(SyntaxError);
  });

  it('a reset drops the connection', async () => {
    await start();
    fake.script('merchant', 'reset');
    await expect(merchant(1)).rejects.toThrow(TypeError);
    expect(fake.requests('merchant')[0]?.status).toBeUndefined();
    expect((await merchant(2)).status).toBe(200);
  });

  it('a delay answers normally after waiting, or with what follows it', async () => {
    await start();
    fake.script('merchant', { delayMs: 120 }, { delayMs: 10, reply: { status: 503, body: {} } });
    const started = Date.now();
    expect((await merchant(1)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect((await merchant(2)).status).toBe(503);
  });

  it('a hang never answers; stop() ends it', async () => {
    await start();
    fake.always('token', 'hang');
    const pending = fetch(fake.tokenUrl, { method: 'POST', body: 'grant_type=client_credentials' });
    const outcome = pending.then(
      (res) => res.status,
      () => 'dropped',
    );
    await expect.poll(() => fake.calls.token).toBe(2);
    await fake.stop();
    expect(await outcome).toBe('dropped');
    fake = await startFakeOneLink(); // afterEach stops this one
  });
});
