import { describe, expect, it } from 'vitest';
import { PlainRequest } from '../../src/index.js';

describe('PlainRequest', () => {
  it.each([
    { given: { url: 'http://127.0.0.1:9/a?b=1', init: { method: 'post', body: '{"x":1}' } } },
    {
      given: {
        url: new URL('https://sandbox.example/x'),
        init: { method: 'PUT', body: new Uint8Array([1, 2]) },
      },
    },
    { given: { url: 'http://h.example', init: {} } },
    { given: { url: 'http://h.example/p', init: { method: 'POST', headers: { 'X-IBM-Client-Id': 'c' } } } },
  ])('has the URL, method and headers the platform Request has: $given.url', ({ given }) => {
    const plain = new PlainRequest(given.url, given.init);
    const want = new Request(given.url, given.init);
    expect([plain.url, plain.method, [...plain.headers]]).toEqual([want.url, want.method, [...want.headers]]);
  });

  it.each([
    { given: '{"x":1}', want: '{"x":1}' },
    { given: new Uint8Array([104, 105]), want: new Uint8Array([104, 105]) },
    { given: undefined, want: undefined },
  ])('keeps a text or byte body as given: $given', ({ given, want }) => {
    const plain = new PlainRequest('http://h.example/', {
      method: 'POST',
      ...(given ? { body: given } : {}),
    });
    expect(plain.bodySource).toEqual(want);
    expect(plain.hasOtherBody).toBe(false);
  });

  it('leaves any other body to the platform Request, read through it', async () => {
    const plain = new PlainRequest('http://h.example/', {
      method: 'POST',
      body: new URLSearchParams({ a: 'b c' }),
    });
    expect(plain.bodySource).toBeUndefined();
    expect(plain.hasOtherBody).toBe(true);
    expect(await plain.text()).toBe('a=b+c');
    expect(plain.bodyUsed).toBe(true);
  });

  it('takes a platform Request as its input, as the platform does', async () => {
    const plain = new PlainRequest(new Request('http://h.example/q', { method: 'POST', body: 'hi' }));
    expect([plain.url, plain.method, plain.hasOtherBody, await plain.text()]).toEqual([
      'http://h.example/q',
      'POST',
      true,
      'hi',
    ]);
  });

  it('keeps the caller signal, and has one that never aborts without it', () => {
    const controller = new AbortController();
    expect(new PlainRequest('http://h.example/', { signal: controller.signal }).signal).toBe(
      controller.signal,
    );
    const own = new PlainRequest('http://h.example/').signal;
    expect(own).toBeInstanceOf(AbortSignal);
    expect(own.aborted).toBe(false);
  });

  it.each([
    { given: { url: '/relative', init: {} }, want: TypeError },
    { given: { url: 'http://h.example/', init: { method: 'GET', body: 'x' } }, want: TypeError },
  ])('refuses what the platform refuses: $given.url $given.init.method', ({ given, want }) => {
    expect(() => new PlainRequest(given.url, given.init)).toThrow(want);
    expect(() => new Request(given.url, given.init)).toThrow(want);
  });

  it('answers the rest of the Request interface from a platform Request', () => {
    const plain = new PlainRequest('http://h.example/', { method: 'POST', body: 'x', redirect: 'manual' });
    expect([plain.redirect, plain.cache, plain.mode, plain.credentials]).toEqual([
      'manual',
      'default',
      'cors',
      'same-origin',
    ]);
    expect(plain.clone()).toBeInstanceOf(Request);
  });
});

describe('PlainRequest, what the platform adds or keeps', () => {
  it.each([
    { given: { method: 'post', body: 'x' } },
    { given: { method: 'patch', body: 'x' } },
    { given: { method: 'PATCH', body: 'x', headers: { 'content-type': 'application/json' } } },
    { given: { method: 'POST', body: 'x', headers: new Headers({ accept: 'application/json' }) } },
    { given: { method: 'delete' } },
  ])('method and headers as the platform: $given.method', ({ given }) => {
    const plain = new PlainRequest('http://h.example/', given);
    const want = new Request('http://h.example/', given);
    expect([plain.method, [...plain.headers]]).toEqual([want.method, [...want.headers]]);
  });

  it('does not change the Headers object it was given', () => {
    const given = new Headers({ accept: 'application/json' });
    new PlainRequest('http://h.example/', { method: 'POST', body: 'x', headers: given });
    expect([...given]).toEqual([['accept', 'application/json']]);
  });
});
