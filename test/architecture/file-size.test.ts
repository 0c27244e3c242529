// One concept per file: no hand-written file of code (sources, tests, benchmarks, scripts, the mock, the
// generated package's runtime and tests) is over 350 lines. Generated code (generated/src, made by
// onelink-codegen) is not looked at, nor installed or built output.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAX_LINES = 350;
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const NOT_HAND_WRITTEN = new Set(['node_modules', 'dist', '.git', join('generated', 'src')]);

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return NOT_HAND_WRITTEN.has(entry.name) || NOT_HAND_WRITTEN.has(relative(root, path))
        ? []
        : codeFiles(path);
    }
    return CODE.test(entry.name) ? [path] : [];
  });
}

function linesOf(file: string): number {
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

describe('file size', () => {
  const files = codeFiles(root);

  it('looks at sources, tests and benchmarks of every package, and at nothing generated', () => {
    const seen = files.map((file) => relative(root, file));
    for (const where of ['packages/gateway/src/', 'packages/gateway/test/', 'packages/gateway/bench/']) {
      expect(seen.some((file) => file.startsWith(where))).toBe(true);
    }
    for (const where of ['scripts/', 'mock/src/', 'test/', 'generated/runtime/']) {
      expect(seen.some((file) => file.startsWith(where))).toBe(true);
    }
    expect(
      seen.filter((file) => file.startsWith('generated/src/') || file.includes('node_modules/')),
    ).toEqual([]);
  });

  it(`no hand-written file of code is over ${MAX_LINES} lines`, () => {
    const over = files
      .map((file) => ({ file: relative(root, file), lines: linesOf(file) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(over, `split these files by concern (at most ${MAX_LINES} lines each)`).toEqual([]);
  });
});
