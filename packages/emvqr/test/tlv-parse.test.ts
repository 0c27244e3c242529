import { describe, expect, it } from 'vitest';
import { charLength, parseTlv } from '../src/index.js';

describe('parseTlv()', () => {
  it('reads structure only: no rules, no CRC', () => {
    const { objects, problems, offsetsAreIndices } = parseTlv('00020265011');
    expect(problems).toEqual([]);
    expect(offsetsAreIndices).toBe(true);
    expect(objects.map(({ tag, length, value, offset }) => ({ tag, length, value, offset }))).toEqual([
      { tag: '00', length: 2, value: '02', offset: 0 },
      { tag: '65', length: 1, value: '1', offset: 6 },
    ]);
    expect(objects[1]!.children).toBeUndefined();
  });

  it('reads template values as children and reports their problems with the tag path', () => {
    const { objects, problems } = parseTlv('620505031');
    expect(objects[0]!.children).toEqual([]);
    expect(problems.map(({ code, offset, tag }) => ({ code, offset, tag }))).toEqual([
      { code: 'LENGTH_OVERRUN', offset: 6, tag: '62.05' },
    ]);
  });

  interface Case {
    name: string;
    given: string;
    want: { code: string; offset: number; tag?: string }[];
  }
  const cases: Case[] = [
    { name: 'empty', given: '', want: [{ code: 'TRUNCATED', offset: 0 }] },
    { name: 'one character', given: '0', want: [{ code: 'TRUNCATED', offset: 0 }] },
    { name: 'tag and one length digit', given: '590', want: [{ code: 'TRUNCATED', offset: 0, tag: '59' }] },
    { name: 'letter in the tag', given: '5A03abc', want: [{ code: 'TAG_NOT_NUMERIC', offset: 0 }] },
    {
      name: 'space in the length',
      given: '59 3abc',
      want: [{ code: 'LENGTH_NOT_NUMERIC', offset: 2, tag: '59' }],
    },
    {
      name: 'value shorter than its length',
      given: '5904abc',
      want: [{ code: 'LENGTH_OVERRUN', offset: 2, tag: '59' }],
    },
    {
      name: 'problem inside a template does not stop the root list',
      given: '62050503A5802PK',
      want: [{ code: 'LENGTH_OVERRUN', offset: 6, tag: '62.05' }],
    },
    {
      name: 'a surrogate pair is one character of the length',
      given: '5903😀x5802PK',
      want: [{ code: 'LENGTH_NOT_NUMERIC', offset: 9, tag: '80' }],
    },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    expect(
      parseTlv(given).problems.map(({ code, offset, tag }) => ({ code, offset, ...(tag ? { tag } : {}) })),
    ).toEqual(want);
  });

  it('offsets after an emoji count code points', () => {
    const { objects, offsetsAreIndices } = parseTlv('5902😀x5802PK');
    expect(offsetsAreIndices).toBe(false);
    expect(objects.map((o) => [o.tag, o.offset, o.value])).toEqual([
      ['59', 0, '😀x'],
      ['58', 6, 'PK'],
    ]);
    expect(parseTlv('5901😀5802PK').objects.map((o) => [o.tag, o.offset])).toEqual([
      ['59', 0],
      ['58', 5],
    ]);
  });
});

describe('charLength()', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['北京', 2],
    ['کراچی', 5],
    ['😀', 1],
    ['\ud83d', 1], // lone surrogate
  ])('%j has %i characters', (given, want) => {
    expect(charLength(given)).toBe(want);
  });
});
