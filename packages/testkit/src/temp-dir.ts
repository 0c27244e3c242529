import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh directory under the OS temp dir; `remove()` deletes it with everything in it. */
export interface TempDir {
  readonly path: string;
  /** `path` joined with these segments. */
  join(...segments: string[]): string;
  remove(): void;
}

export function makeTempDir(prefix = 'onelink-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    join: (...segments) => join(path, ...segments),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/**
 * A directory made fresh before each test of the calling file (or describe block) and removed after it.
 * The TempDir returned stands for the running test's directory, so it is used like one from makeTempDir.
 */
export function tempDirPerTest(prefix?: string): TempDir {
  let current: TempDir | undefined;
  beforeEach(() => {
    current = makeTempDir(prefix);
  });
  afterEach(() => {
    current?.remove();
    current = undefined;
  });
  const now = (): TempDir => {
    if (current === undefined) throw new Error('tempDirPerTest: the directory exists only while a test runs');
    return current;
  };
  return {
    get path() {
      return now().path;
    },
    join: (...segments) => now().join(...segments),
    remove: () => now().remove(),
  };
}
