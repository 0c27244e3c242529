// onelink-codegen: the codegen's command line. main(argv, io) does the work and returns the exit code, so
// tests call it in-process. The programs are thin: bin/onelink-codegen.js (installed) and
// scripts/codegen.ts (this workspace's pnpm gen, gen:check and spec:diff).
import { UsageError } from './cli/args.js';
import { diffCommand } from './cli/diff-command.js';
import { genCommand } from './cli/gen-command.js';
import { type CliIo, processIo } from './cli/io.js';
import { DIFF_USAGE, GEN_USAGE, RULES_USAGE, USAGE } from './cli/usage.js';
import { renderRulesTable } from './diff/rules.js';

export type { CliIo } from './cli/io.js';

interface Command {
  usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
  /** Exit code when the command fails for a reason other than its arguments. */
  failure: number;
}

const COMMANDS: Record<string, Command> = {
  gen: { usage: GEN_USAGE, run: genCommand, failure: 1 },
  // 2, as for bad arguments: "could not compare" must not read as "found breaking changes" (1).
  diff: { usage: DIFF_USAGE, run: diffCommand, failure: 2 },
  rules: {
    usage: RULES_USAGE,
    run: async (argv, io) => {
      if (argv.length > 0) throw new UsageError(`rules: unexpected argument ${argv[0]}`);
      io.out(renderRulesTable());
      return 0;
    },
    failure: 1,
  },
};

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || isHelp(name) || name === 'help') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`onelink-codegen: unknown command ${name}\n${USAGE}`);
    return 2;
  }
  if (rest.some(isHelp)) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${command.usage}`);
      return 2;
    }
    io.err(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return command.failure;
  }
}
