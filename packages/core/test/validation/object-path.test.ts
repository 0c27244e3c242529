import { describe, expect, it } from 'vitest';
import { getPath } from '../../src/validation/object-path.js';

describe('getPath', () => {
  const value = { a: { b: { c: 'deep' }, n: null, s: 'text' }, list: ['x', 'y'] };
  it.each([
    { given: [] as string[], want: value as unknown },
    { given: ['a', 'b', 'c'], want: 'deep' },
    { given: ['a', 'missing', 'c'], want: undefined },
    { given: ['a', 'n', 'c'], want: undefined },
    { given: ['a', 's', 'length'], want: undefined },
    { given: ['list', '1'], want: 'y' },
  ])('$given → $want', ({ given, want }) => {
    expect(getPath(value, given)).toEqual(want);
  });

  it('is undefined inside a non-object root', () => {
    expect(getPath(undefined, ['a'])).toBeUndefined();
    expect(getPath(7, ['a'])).toBeUndefined();
  });
});
