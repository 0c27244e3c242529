import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runOk } from './support/run.js';
import { publishedPackages, WORKSPACE_ROOT } from './support/workspace.js';

// publint (--strict: warnings fail too) and Are the Types Wrong on each packed tarball. attw's only
// ignored rule is cjs-resolves-to-esm: the packages are ESM-only on purpose and CommonJS consumers
// load them with require(esm) (runtime.test.ts proves it). Its node10 column stays checked.
const { tarballs } = inject('consumers');
const bin = (name: string) => path.join(WORKSPACE_ROOT, 'node_modules/.bin', name);

describe.each(publishedPackages())('$name', (pkg) => {
  it('publint --strict finds nothing', async () => {
    const got = await runOk(bin('publint'), ['run', tarballs[pkg.name]!, '--strict'], {
      cwd: WORKSPACE_ROOT,
    });
    expect(got.stdout).toContain('All good!');
  });

  it('attw finds no problem in any entry point, node10 included', async () => {
    const args = [tarballs[pkg.name]!, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii'];
    if (pkg.subpaths.length > 0) args.push('--include-entrypoints', ...pkg.subpaths);
    const got = await runOk(bin('attw'), args, { cwd: WORKSPACE_ROOT });
    expect(got.stdout).toContain('No problems found');
  });
});
