// What `onelink-codegen --help` and each command's --help print.

export const USAGE = `usage: onelink-codegen <command> [options]

Commands:
  gen    --spec <file|dir> --out <dir> [--check]
         write TypeScript types and a typed client per spec (or, with --check, only report drift)
  diff   [--base <rev|file>] [--head <file|dir>] [--fail-on-breaking] [--json] [<spec file> ...]
         list breaking and non-breaking changes between two versions of the specs
  rules  print the breaking-change rules catalogue as a Markdown table

Run onelink-codegen <command> --help for the options of one command.
Exit codes: 0 ok, 1 stale output / breaking change with --fail-on-breaking / a spec that cannot be
generated, 2 bad arguments or a comparison that could not be made.`;

export const GEN_USAGE = `usage: onelink-codegen gen --spec <file|dir> --out <dir> [--check]

Generates <out>/<name>/{types,client,document,index}.ts for each spec (*.yaml or *.yml; a folder means every
spec directly in it) and <out>/index.ts over all of them. Every file starts with a do-not-edit header that
records the sha256 of the spec and of each file it $refs.

  --spec <file|dir>  one spec file, or a folder of specs
  --out <dir>        the output folder; it belongs to the generator: files in it that no spec produces
                     are removed (or, with --check, reported as extra)
  --check            write nothing; exit 1 naming every output file that is stale, missing or extra,
                     and which spec made it so
  -h, --help         this text

In this repository: pnpm gen, pnpm gen:check (spec/ → generated/src).`;

export const DIFF_USAGE = `usage: onelink-codegen diff [--base <rev|file>] [--head <file|dir>] [--fail-on-breaking] [--json] [<spec file> ...]

Compares specs, $refs resolved on each side, and lists breaking and non-breaking changes, each with the
id of its rule (onelink-codegen rules lists them all).

  --base <rev|file>   a git revision (default HEAD): the --head folder as committed there; or a spec file
  --head <file|dir>   the specs now (default spec/ in the current folder); a file compares that spec alone
  --fail-on-breaking  exit 1 when any change is breaking (for CI)
  --json              machine-readable report
  <spec file> ...     only these specs of the folder (by file name)
  -h, --help          this text

In this repository: pnpm spec:diff [--base <rev>] [...].`;

export const RULES_USAGE = `usage: onelink-codegen rules

Prints every rule the diff can report (id, severity, one-line description) as a Markdown table.`;
