import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import { publishedPackages } from './support/workspace.js';

// publint (strict: warnings fail too) and Are the Types Wrong on each packed tarball, through their
// libraries rather than their CLIs: the same checks, without loading TypeScript once per package
// (~0.8 s of CPU each). attw's only ignored rule is CJSResolvesToESM (the CLI's
// cjs-resolves-to-esm): the packages are ESM-only on purpose and CommonJS consumers load them with
// require(esm) (runtime.test.ts proves it). Its node10 column stays checked.
const { tarballs } = inject('consumers');
const IGNORED_ATTW_PROBLEMS = new Set(['CJSResolvesToESM']);

const tarballBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(tarballs[name]!));

describe.each(publishedPackages())('$name', (pkg) => {
  it('publint --strict finds nothing', async () => {
    const bytes = tarballBytes(pkg.name);
    const { messages, pkg: manifest } = await publint({
      pack: {
        tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      },
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, manifest)}`)).toEqual([]);
  });

  it('attw finds types and no problem in any entry point, node10 included', async () => {
    const analysis = await checkPackage(createPackageFromTarballData(tarballBytes(pkg.name)), {
      includeEntrypoints: pkg.subpaths,
    });
    if (!analysis.types) throw new Error(`attw found no types in ${pkg.name}`);
    const problems = analysis.problems.filter((p) => !IGNORED_ATTW_PROBLEMS.has(p.kind));
    expect(problems).toEqual([]);
    expect(Object.keys(analysis.entrypoints)).toEqual(expect.arrayContaining(['.', ...pkg.subpaths]));
  });
});
