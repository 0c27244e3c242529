// `onelink-codegen diff [--base <rev|file>] [--head <file|dir>] [...]`: compares each spec with its base
// version, $refs resolved, and lists breaking vs non-breaking changes for teams regenerating clients.
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { diffSpecDirs, diffSpecFiles, formatReport, type SpecDiff } from '../diff/report.js';
import { gitRoot, specDirAtRev } from '../diff/spec-at-rev.js';
import { isSpecFileName, listSpecFiles } from '../spec-catalog.js';
import { parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Base is a spec file: compare it with the head file (or the file of the same name in the head folder). */
async function diffAgainstFile(baseFile: string, head: string): Promise<SpecDiff[]> {
  const headFile = isFile(head) ? head : resolve(head, basename(baseFile));
  const label = `spec/${basename(headFile)}`;
  return [
    await diffSpecFiles(
      { dir: dirname(baseFile), file: basename(baseFile) },
      { dir: dirname(headFile), file: basename(headFile) },
      label,
    ),
  ];
}

/** Base is a git revision: the head folder as committed there, in a temp folder removed afterwards. */
async function diffAgainstRev(rev: string, head: string, files: string[] | undefined): Promise<SpecDiff[]> {
  const headIsFile = isFile(head);
  const headDir = headIsFile ? dirname(head) : head;
  const root = await gitRoot(headDir);
  const baseDir = await specDirAtRev(root, rev, relative(root, headDir));
  try {
    return await diffSpecDirs(baseDir, headDir, headIsFile ? [basename(head)] : files);
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}

export async function diffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs('diff', argv, {
    values: ['base', 'head'],
    flags: ['fail-on-breaking', 'json'],
    positionals: true,
  });
  const base = args.values.get('base') ?? 'HEAD';
  const head = resolve(io.cwd, args.values.get('head') ?? 'spec');
  if (!existsSync(head)) {
    throw new UsageError(`diff: --head ${args.values.get('head') ?? 'spec'}: no such file or folder`);
  }
  if (isFile(head) && !isSpecFileName(basename(head))) {
    throw new UsageError(`diff: --head ${head}: a spec file must end in .yaml or .yml`);
  }
  // A folder must hold a set of specs the catalogue accepts (no x.yaml next to x.yml).
  if (!isFile(head)) listSpecFiles(head);
  for (const file of args.positionals) {
    if (!isSpecFileName(basename(file))) {
      throw new UsageError(`diff: ${file}: expected a spec file name ending in .yaml or .yml`);
    }
  }
  const files = args.positionals.length > 0 ? args.positionals.map((f) => basename(f)) : undefined;
  const baseFile = resolve(io.cwd, base);
  if (files && (isFile(head) || isFile(baseFile))) {
    throw new UsageError(
      'diff: <spec file> arguments pick specs of a folder; here --base or --head is one file',
    );
  }
  const diffs = isFile(baseFile)
    ? await diffAgainstFile(baseFile, head)
    : await diffAgainstRev(base, head, files);
  if (args.flags.has('json')) io.out(JSON.stringify({ base, specs: diffs }, null, 2));
  else io.out(formatReport(diffs, base));
  const breaking = diffs.some((d) => d.changes.some((c) => c.severity === 'breaking'));
  return args.flags.has('fail-on-breaking') && breaking ? 1 : 0;
}
