// One concept per file: no hand-written source file in packages/*/src, mock/src or scripts/ is over 350
// lines. Generated code (generated/src, made by onelink-codegen) is not looked at.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAX_LINES = 350;
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

const roots = [
  ...readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, 'packages', d.name, 'src')),
  join(root, 'mock/src'),
  join(root, 'scripts'),
];

describe('file size', () => {
  it(`no hand-written source file is over ${MAX_LINES} lines`, () => {
    const files = roots.flatMap((dir) => {
      try {
        return sourceFiles(dir);
      } catch {
        return []; // a package without src/
      }
    });
    expect(files.length).toBeGreaterThan(100);
    const over = files
      .map((file) => ({
        file: relative(root, file),
        lines: readFileSync(file, 'utf8').split('\n').length - 1,
      }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(over, `split these files by concern (at most ${MAX_LINES} lines each)`).toEqual([]);
  });
});
