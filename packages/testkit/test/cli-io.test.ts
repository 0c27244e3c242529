import { describe, expect, it } from 'vitest';
import { captureIo } from '../src/index.js';

describe('captureIo', () => {
  it('keeps each stream apart, line by line, and as a terminal shows it', () => {
    const printed = captureIo('/some/dir');
    printed.io.out('one');
    printed.io.err('oops');
    printed.io.out('two');
    expect(printed.io.cwd).toBe('/some/dir');
    expect([printed.out, printed.err]).toEqual([['one', 'two'], ['oops']]);
    expect([printed.stdout(), printed.stderr()]).toEqual(['one\ntwo\n', 'oops\n']);
  });

  it('starts relative paths in this process folder unless told', () => {
    expect(captureIo().io.cwd).toBe(process.cwd());
    expect(captureIo().stdout()).toBe('');
  });
});
