import { createLogger } from '@onelink-kit/core';
import { type FakeOneLink, merchantBody, startFakeOneLink } from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emit } from '../src/hooks.js';
import type { ErrorEvent, OneLinkClientOptions, RequestEvent, ResponseEvent } from '../src/index.js';
import { clientOfFake } from './support/fake-client.js';

let upstream: FakeOneLink;
beforeEach(async () => {
  upstream = await startFakeOneLink();
});
afterEach(async () => {
  await upstream.stop();
});

type AnyEvent = RequestEvent | ResponseEvent | ErrorEvent;
const clientWith = (events: AnyEvent[], extra: Partial<OneLinkClientOptions> = {}) =>
  clientOfFake(upstream, {
    retry: { maxAttempts: 3, sleep: async () => {} },
    hooks: {
      onRequest: (e) => void events.push(e),
      onResponse: (e) => void events.push(e),
      onError: (e) => void events.push(e),
    },
    ...extra,
  });

describe('hooks', () => {
  it('see token and QR requests and responses, with headers redacted', async () => {
    const events: AnyEvent[] = [];
    const result = await clientWith(events).generateDQRCMerchant(merchantBody());
    expect(events.map((e) => `${e.type}:${e.operationId}`)).toEqual([
      'request:requestToken',
      'response:requestToken',
      'request:generateDQRCMerchant',
      'response:generateDQRCMerchant',
    ]);
    const qrRequest = events[2] as RequestEvent;
    expect(qrRequest.headers).toMatchObject({
      authorization: '[REDACTED]',
      'x-ibm-client-id': '[REDACTED]',
      'content-type': 'application/json',
    });
    expect(qrRequest).toMatchObject({
      method: 'POST',
      url: `${upstream.url}/1Link/generateDQRCMerchant`,
      stan: result.stan,
      rrn: result.rrn,
      attempt: 1,
    });
    expect(events[0]).not.toHaveProperty('body');
    expect(events[1]).not.toHaveProperty('body');
    expect(events[3]).toMatchObject({ status: 200, requestId: result.requestId, body: { rrn: result.rrn } });
  });

  it('report each retry and the final failure as error events', async () => {
    upstream.always('qr', () => ({
      status: 503,
      body: { responseCode: '91', responseDescription: 'Switch or issuer inoperative' },
    }));
    const events: AnyEvent[] = [];
    await clientWith(events)
      .generateDQRCMerchant(merchantBody())
      .catch(() => {});
    const errors = events.filter((e): e is ErrorEvent => e.type === 'error');
    expect(errors.map((e) => [e.attempt, e.willRetry])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(errors[2]?.error).toMatchObject({ code: 'ONELINK_API', responseCode: '91', kind: 'transient' });
  });

  it('a throwing hook does not change the outcome and is logged', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn' }, { write: (l: string) => void lines.push(l) });
    const client = clientOfFake(upstream, {
      logger,
      hooks: {
        onRequest: () => {
          throw new Error('hook bug');
        },
        onResponse: async () => Promise.reject(new Error('async hook bug')),
      },
    });
    const result = await client.generateDQRCMerchant(merchantBody());
    expect(result.status).toBe(200);
    expect(lines.some((l) => l.includes('hook failed; ignored') && l.includes('hook bug'))).toBe(true);
  });

  it('emit without a hook does nothing', async () => {
    const lines: string[] = [];
    const logger = createLogger({}, { write: (l: string) => void lines.push(l) });
    await emit(
      undefined,
      { type: 'error', operationId: 'x', attempt: 1, error: {}, willRetry: false },
      logger,
    );
    expect(lines).toEqual([]);
  });
});
