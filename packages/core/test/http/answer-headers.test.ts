import { describe, expect, it } from 'vitest';
import { AnswerHeaders } from '../../src/index.js';

/** The platform's Headers of a fetch Response given the same raw list, one `append` per pair. */
function platform(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return new Response(null, { headers }).headers;
}

/** Everything a reader can ask of a Headers, for the names given and a few more. */
function readings(headers: Headers, names: readonly string[]) {
  const asked = [...names, ...names.map((n) => n.toUpperCase()), 'x-missing'];
  const each: Array<[string, string]> = [];
  headers.forEach((value, name) => {
    each.push([name, value]);
  });
  return {
    get: asked.map((name) => headers.get(name)),
    has: asked.map((name) => headers.has(name)),
    entries: [...headers.entries()],
    keys: [...headers.keys()],
    values: [...headers.values()],
    iterated: [...headers],
    each,
    setCookie: headers.getSetCookie(),
  };
}

describe('AnswerHeaders', () => {
  it.each([
    { given: [] as string[] },
    { given: ['Content-Type', 'application/json', 'Content-Length', '42'] },
    {
      given: [
        'X-Global-Transaction-ID',
        'a1',
        'Date',
        'Wed, 02 Dec 2026 10:00:00 GMT',
        'Connection',
        'keep-alive',
      ],
    },
    { given: ['X-A', '1', 'b', '2', 'x-a', '3', 'C', '4'] },
    { given: ['Set-Cookie', 'a=1; Path=/', 'set-cookie', 'b=2', 'Vary', 'Accept', 'vary', 'Origin'] },
    { given: ['X-Padded', ' v ', 'X-Tab', '\tw\t', 'X-Inner', 'a  b', 'X-Empty', ''] },
    { given: ['Retry-After', '7', 'retry-after', '9'] },
  ])('reads as the platform Headers of a Response: $given', ({ given }) => {
    const names = given.filter((_, i) => i % 2 === 0);
    expect(readings(new AnswerHeaders(given), names)).toEqual(readings(platform(given), names));
  });

  // The headers of what `fetch` resolves to are immutable (TypeError 'immutable'); a Response made
  // with `new Response()` has changeable ones, so the platform is not the reference here.
  it.each([
    { given: 'append', change: (h: Headers) => h.append('x-new', '1') },
    { given: 'set', change: (h: Headers) => h.set('content-type', 'text/plain') },
    { given: 'delete', change: (h: Headers) => h.delete('content-type') },
  ])('refuses $given, as the headers of a fetch answer do, and stays as it was', ({ change }) => {
    const headers = new AnswerHeaders(['Content-Type', 'application/json']);
    expect(() => change(headers)).toThrow(new TypeError('immutable'));
    expect([...headers]).toEqual([['content-type', 'application/json']]);
  });

  it.each([{ given: 'bad name' }, { given: '' }, { given: 'naïve' }])(
    'refuses the header name "$given" in get and has, as the platform does',
    ({ given }) => {
      const headers = new AnswerHeaders(['X-A', '1']);
      expect(() => platform([]).get(given)).toThrow(TypeError);
      expect(() => headers.get(given)).toThrow(TypeError);
      expect(() => headers.has(given)).toThrow(TypeError);
    },
  );

  it('makes a platform Response with the same headers', () => {
    const raw = ['X-A', '1', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2'];
    const made = new Response('x', { headers: new AnswerHeaders(raw) }).headers;
    expect([...made]).toEqual([...new Response('x', { headers: platform(raw) }).headers]);
  });

  it('shows its headers when inspected', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(new AnswerHeaders(['X-A', '1']))).toContain("'x-a': '1'");
  });
});
