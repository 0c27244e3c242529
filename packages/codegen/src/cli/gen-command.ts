// `onelink-codegen gen --spec <file|dir> --out <dir> [--check]`.
import { basename, relative, resolve, sep } from 'node:path';
import { checkGenerated } from '../gen/check.js';
import type { GenerateOptions } from '../gen/generate.js';
import { writeGenerated } from '../gen/write.js';
import { selectSpecs } from '../spec-catalog.js';
import { parseArgs, required, UsageError } from './args.js';
import type { CliIo } from './io.js';

function shown(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

export async function genCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs('gen', argv, { values: ['spec', 'out'], flags: ['check'] });
  const specArg = required('gen', args, 'spec');
  const outDir = resolve(io.cwd, required('gen', args, 'out'));
  let selection: ReturnType<typeof selectSpecs>;
  try {
    selection = selectSpecs(resolve(io.cwd, specArg));
  } catch (error) {
    throw new UsageError(`gen: --spec ${error instanceof Error ? error.message : String(error)}`);
  }
  if (selection.files.length === 0) {
    throw new UsageError(`gen: --spec ${specArg}: no *.yaml or *.yml spec in it`);
  }
  const specs = shown(io, selection.specDir);
  // Headers and messages name a spec by its path from the current folder (spec/1link-p2m-qr.yaml here).
  const specPrefix = specs.startsWith('/') ? basename(specs) : specs.split(sep).join('/');
  const options: GenerateOptions = { specDir: selection.specDir, files: selection.files, outDir, specPrefix };
  const out = shown(io, outDir);

  if (args.flags.has('check')) {
    const problems = await checkGenerated(options);
    if (problems.length === 0) {
      io.out(`gen --check: ${out} is up to date with ${specs}`);
      return 0;
    }
    for (const problem of problems) io.err(problem.message);
    const broken = problems.filter((p) => p.kind === 'error').length;
    const stale = problems.length - broken;
    const parts = [
      ...(broken > 0 ? [`${broken} spec(s) cannot be generated`] : []),
      ...(stale > 0 ? [`${stale} generated file(s) out of date with ${specs}`] : []),
    ];
    io.err(`gen --check: ${parts.join('; ')}`);
    return 1;
  }

  const result = await writeGenerated(options);
  for (const file of result.written) io.out(`wrote ${file}`);
  for (const file of result.removed) io.out(`removed ${file}`);
  for (const error of result.errors) io.err(`error: ${error.message}`);
  io.out(
    `gen: ${result.written.length} written, ${result.removed.length} removed, ${result.unchanged.length} unchanged`,
  );
  if (result.errors.length > 0) {
    io.err(`gen: ${result.errors.length} spec(s) could not be generated; their output was left as it was`);
    return 1;
  }
  return 0;
}
