// A small option parser for the codegen CLI: known flags and `--name value` / `--name=value` options,
// anything else refused with a UsageError (exit 2) naming the argument.

/** Bad command-line input: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ArgSpec {
  /** Options that take a value, without the leading `--`. */
  values?: readonly string[];
  /** Options that are on or off, without the leading `--`. */
  flags?: readonly string[];
  /** Whether positional arguments are allowed. */
  positionals?: boolean;
}

export interface ParsedArgs {
  values: Map<string, string>;
  flags: Set<string>;
  positionals: string[];
}

export function parseArgs(command: string, argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const parsed: ParsedArgs = { values: new Map(), flags: new Set(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      if (!spec.positionals) throw new UsageError(`${command}: unexpected argument ${arg}`);
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (arg.startsWith('--') && spec.values?.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('-'))) {
        throw new UsageError(`${command}: --${name} needs a value`);
      }
      if (parsed.values.has(name)) throw new UsageError(`${command}: --${name} given twice`);
      parsed.values.set(name, value);
    } else if (arg.startsWith('--') && eq === -1 && spec.flags?.includes(name)) {
      parsed.flags.add(name);
    } else {
      throw new UsageError(`${command}: unknown option ${arg}`);
    }
  }
  return parsed;
}

/** The value of a required option, or a UsageError naming it. */
export function required(command: string, args: ParsedArgs, name: string): string {
  const value = args.values.get(name);
  if (value === undefined) throw new UsageError(`${command}: --${name} is required`);
  return value;
}
