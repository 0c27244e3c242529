// pnpm gen / pnpm gen:check — spec/*.yaml → generated/src/<name>/{types,client,document,index}.ts.
// The work is in scripts/gen/generate.ts so tests can run it against a temporary spec folder.
import { fileURLToPath } from 'node:url';
import { checkGenerated, writeGenerated } from './gen/generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const options = { specDir: `${root}spec`, outDir: `${root}generated/src` };

const USAGE = `usage: pnpm gen          write generated/src/<name>/{types,client,document,index}.ts for every spec/*.yaml
       pnpm gen:check    write nothing; exit 1 naming every generated file that is stale, missing or extra`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`gen: unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  if (argv.includes('--check')) {
    const problems = await checkGenerated(options);
    if (problems.length === 0) {
      console.log('gen:check: generated/src is up to date with spec/*.yaml');
      return 0;
    }
    for (const problem of problems) console.error(problem.message);
    const broken = problems.filter((p) => p.kind === 'error').length;
    const stale = problems.length - broken;
    const parts = [
      ...(broken > 0 ? [`${broken} spec(s) cannot be generated`] : []),
      ...(stale > 0 ? [`${stale} generated file(s) out of date with spec/*.yaml`] : []),
    ];
    console.error(`gen:check: ${parts.join('; ')}`);
    return 1;
  }
  const result = await writeGenerated(options);
  for (const file of result.written) console.log(`wrote ${file}`);
  for (const file of result.removed) console.log(`removed ${file}`);
  for (const error of result.errors) console.error(`error: ${error.message}`);
  console.log(
    `gen: ${result.written.length} written, ${result.removed.length} removed, ${result.unchanged.length} unchanged`,
  );
  if (result.errors.length > 0) {
    console.error(
      `gen: ${result.errors.length} spec(s) could not be generated; their output was left as it was`,
    );
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`gen: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
