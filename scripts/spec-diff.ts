// pnpm spec:diff [--base <git-rev>] [--fail-on-breaking] [--json] [spec/<file>.yaml ...]
// Compares each spec (working tree) with its version at the base revision (default HEAD), $refs resolved,
// and lists breaking vs non-breaking changes for teams regenerating clients.
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specDirAtRev } from './gen/spec-at-rev.js';
import { diffSpecDirs, formatReport } from './gen/spec-diff-report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: pnpm spec:diff [--base <git-rev>] [--fail-on-breaking] [--json] [spec/<file>.yaml ...]';

interface Args {
  base: string;
  failOnBreaking: boolean;
  json: boolean;
  help?: boolean;
  files?: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { base: 'HEAD', failOnBreaking: false, json: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--base') {
      const rev = argv[++i];
      if (!rev) throw new Error(`--base needs a git revision (${USAGE})`);
      args.base = rev;
    } else if (arg.startsWith('--base=')) args.base = arg.slice('--base='.length);
    else if (arg === '--fail-on-breaking') args.failOnBreaking = true;
    else if (arg === '--json') args.json = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (${USAGE})`);
    else if (!arg.endsWith('.yaml')) throw new Error(`${arg}: expected a spec/<file>.yaml path (${USAGE})`);
    else files.push(basename(arg));
  }
  if (files.length > 0) args.files = files;
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(`${USAGE}

Compares each spec/*.yaml in the working tree with its version at --base (default HEAD), $refs
resolved, and lists breaking and non-breaking changes.
  --fail-on-breaking  exit 1 when any change is breaking (for CI)
  --json              machine-readable report`);
    return 0;
  }
  const baseDir = await specDirAtRev(root, args.base);
  try {
    const diffs = await diffSpecDirs(baseDir, join(root, 'spec'), args.files);
    if (args.json) console.log(JSON.stringify({ base: args.base, specs: diffs }, null, 2));
    else console.log(formatReport(diffs, args.base));
    const breaking = diffs.some((d) => d.changes.some((c) => c.severity === 'breaking'));
    return args.failOnBreaking && breaking ? 1 : 0;
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`spec:diff: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
