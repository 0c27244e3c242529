// The shared runtime of every generated client: body serialisation by media type, per-call init merging, and
// the openapi-fetch client they drive (against an injected fake fetch on a loopback base URL).
import { describe, expect, it } from 'vitest';
import {
  type CallInit,
  callOptions,
  createFetchClient,
  type OperationInfo,
  serializeBody,
} from '../../runtime/operation-client.js';
import { recordingFetch } from '../support/recording-fetch.js';

const baseUrl = 'http://127.0.0.1:9/api';

describe('serializeBody', () => {
  const cases: { name: string; given: { contentType: string; body: unknown }; want: unknown }[] = [
    {
      name: 'form-urlencoded escapes reserved characters',
      given: {
        contentType: 'application/x-www-form-urlencoded',
        body: { client_id: 'client id/1', client_secret: 'p@ss w&rd=' },
      },
      want: 'client_id=client+id%2F1&client_secret=p%40ss+w%26rd%3D',
    },
    {
      name: 'form-urlencoded: media type parameters and case are ignored',
      given: { contentType: 'Application/X-WWW-Form-Urlencoded; charset=utf-8', body: { a: 1, b: true } },
      want: 'a=1&b=true',
    },
    {
      name: 'form-urlencoded: arrays repeat the key, null/undefined are left out, objects are JSON',
      given: {
        contentType: 'application/x-www-form-urlencoded',
        body: { scope: ['read', 'write'], gone: null, missing: undefined, meta: { k: 'v' } },
      },
      want: 'scope=read&scope=write&meta=%7B%22k%22%3A%22v%22%7D',
    },
    {
      name: 'form-urlencoded: a body that is not an object has no fields',
      given: { contentType: 'application/x-www-form-urlencoded', body: 'raw' },
      want: '',
    },
    {
      name: 'JSON',
      given: { contentType: 'application/json', body: { merchantId: 'M1', amount: 310 } },
      want: '{"merchantId":"M1","amount":310}',
    },
    {
      name: 'a +json media type is JSON',
      given: { contentType: 'application/merge-patch+json', body: { a: [1] } },
      want: '{"a":[1]}',
    },
    {
      name: 'text/* is sent as a string',
      given: { contentType: 'text/plain; charset=utf-8', body: 42 },
      want: '42',
    },
    {
      name: 'an unknown media type is sent as given',
      given: { contentType: 'application/vnd.example', body: { kept: 'as is' } },
      want: { kept: 'as is' },
    },
  ];

  it.each(cases)('$name', ({ given, want }) => {
    expect(serializeBody(given.contentType, given.body)).toEqual(want);
  });

  it('sends binary bodies and ready FormData as the same object', () => {
    const blob = new Blob(['\u0089PNG']);
    const form = new FormData();
    expect(serializeBody('application/octet-stream', blob)).toBe(blob);
    expect(serializeBody('multipart/form-data', form)).toBe(form);
  });

  it('builds FormData for multipart/form-data: arrays repeat the key, Blobs stay files, objects are JSON', async () => {
    const file = new Blob(['file body'], { type: 'text/plain' });
    const body = { tag: ['a', 'b'], file, meta: { k: 1 }, skipped: null };
    const form = serializeBody('multipart/form-data; boundary=x', body) as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect([...form.keys()]).toEqual(['tag', 'tag', 'file', 'meta']);
    expect(form.getAll('tag')).toEqual(['a', 'b']);
    expect(form.get('meta')).toBe('{"k":1}');
    expect(await (form.get('file') as Blob).text()).toBe('file body');
  });
});

describe('callOptions', () => {
  const get: OperationInfo = { method: 'GET', path: '/health' };
  const json: OperationInfo = { method: 'POST', path: '/qr', requestContentType: 'application/json' };
  const multipart: OperationInfo = {
    method: 'POST',
    path: '/upload',
    requestContentType: 'multipart/form-data',
  };
  const signal = new AbortController().signal;
  const callFetch: typeof fetch = async () => new Response();

  const cases: {
    name: string;
    given: { operation: OperationInfo; init?: CallInit };
    want: { baseUrl?: string; fetch?: typeof fetch; signal?: AbortSignal; headers?: Record<string, string> };
  }[] = [
    { name: 'no body and no init: nothing set', given: { operation: get }, want: {} },
    {
      name: 'no body: the per-call init passes through',
      given: {
        operation: get,
        init: { baseUrl: 'http://127.0.0.1:9', fetch: callFetch, signal, headers: { A: '1' } },
      },
      want: { baseUrl: 'http://127.0.0.1:9', fetch: callFetch, signal, headers: { A: '1' } },
    },
    {
      name: 'a body: Content-Type from the operation, per-call headers added',
      given: { operation: json, init: { headers: { Authorization: 'Bearer t' } } },
      want: { headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' } },
    },
    {
      name: 'a per-call Content-Type wins over the operation one',
      given: { operation: json, init: { headers: { 'Content-Type': 'application/json; charset=utf-8' } } },
      want: { headers: { 'Content-Type': 'application/json; charset=utf-8' } },
    },
    {
      name: 'multipart sets no Content-Type (fetch adds it with the boundary)',
      given: { operation: multipart, init: { headers: { A: '1' } } },
      want: { headers: { A: '1' } },
    },
  ];

  it.each(cases)('$name', ({ given, want }) => {
    const { bodySerializer, ...rest } = callOptions(given.operation, given.init);
    expect(rest).toEqual({
      baseUrl: undefined,
      fetch: undefined,
      signal: undefined,
      headers: undefined,
      ...want,
    });
    expect(bodySerializer === undefined).toBe(given.operation.requestContentType === undefined);
  });

  it('serializes the body for the media type of the operation', () => {
    const form = { method: 'POST', path: '/token', requestContentType: 'application/x-www-form-urlencoded' };
    expect(callOptions(form).bodySerializer?.({ a: 'b c', n: 1 })).toBe('a=b+c&n=1');
    expect(callOptions(json).bodySerializer?.({ a: 'b c' })).toBe('{"a":"b c"}');
  });
});

describe('createFetchClient', () => {
  interface Paths {
    '/token': {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      post: {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        requestBody: { content: { 'application/x-www-form-urlencoded': { grant_type: string } } };
        responses: {
          200: { headers: Record<string, unknown>; content: { 'application/json': { ok: boolean } } };
        };
      };
    };
  }
  const token = { method: 'POST', path: '/token', requestContentType: 'application/x-www-form-urlencoded' };

  it('sends to the client base URL with the client headers, merged with the per-call options', async () => {
    const { fetch, seen } = recordingFetch(200, { ok: true });
    const client = createFetchClient<Paths>({
      baseUrl,
      fetch,
      headers: { 'X-Default': 'd', 'X-Both': 'client' },
    });

    const { data } = await client.POST('/token', {
      ...callOptions(token, { headers: { 'X-Both': 'call' } }),
      body: { grant_type: 'client_credentials' },
    });

    expect(data).toEqual({ ok: true });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${baseUrl}/token`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-default': 'd',
          'x-both': 'call',
        },
        body: 'grant_type=client_credentials',
      },
    ]);
  });

  it('a per-call baseUrl and fetch replace the client ones', async () => {
    const clientLevel = recordingFetch(200, {});
    const callLevel = recordingFetch(200, {});
    const client = createFetchClient<Paths>({ baseUrl, fetch: clientLevel.fetch });

    await client.POST('/token', {
      ...callOptions(token, { baseUrl: 'http://127.0.0.1:9', fetch: callLevel.fetch }),
      body: { grant_type: 'client_credentials' },
    });

    expect(clientLevel.seen).toHaveLength(0);
    expect(callLevel.seen.map((r) => r.url)).toEqual(['http://127.0.0.1:9/token']);
  });
});
