// What `pnpm bench:gateway` is asked to do, read once from its flags and BENCH_* variables. A typo
// ("creat1", "postgres") used to run nothing or everything without a word; here it is refused with the
// flag or variable named, before anything is started.

import { parseArgs } from 'node:util';

export const ROW_NAMES = ['create', 'create1', 'replay', 'get', 'rss'] as const;
export type RowName = (typeof ROW_NAMES)[number];

/** The gateway set-ups, by the label each row carries. */
export const SETUP_LABELS = [
  'SQLite',
  'SQLite synchronous=FULL',
  'SQLite 2 workers',
  'Postgres',
  'Postgres 2 workers',
] as const;
export type SetupLabel = (typeof SETUP_LABELS)[number];

export const USAGE = `pnpm bench:gateway [--short | --full] [--runs N]

In one run on this machine: the test kit's fake 1LINK directly, a bare Node forwarder, Prism 5.14.2
proxy --errors and the gateway (SQLite: one process, synchronous=FULL, 2 workers; Postgres: one
process, 2 workers), all in front of the same fake; with Postgres, the commit floor. Prism is
measured again before each gateway set-up after the first. Prints req/s, p50/p99, errors, the ratio
to the Prism row measured last before it and CPU ms per request for each row.

  --short         3 s per row after 1 s of warm-up; RSS over 2,000 creates after 1,000 (default)
  --full          8 s per row after 3 s; RSS over 20,000 creates after 60,000
  --runs N        the whole set N times (1-9; gateways restarted, fresh SQLite files), then each
                  row's median and range
  --help          this text

  BENCH_ROWS=<rows>                   only these gateway rows, comma-separated (default: all):
                                      ${ROW_NAMES.join(', ')}
  BENCH_SETUPS=<set-ups>              only these gateway set-ups, comma-separated (default: all):
                                      ${SETUP_LABELS.slice(0, 3).join(', ')},
                                      ${SETUP_LABELS.slice(3).join(', ')}
  BENCH_ONLY=gateway                  only the gateway rows
  BENCH_DATABASE_URL=<postgres url>   the Postgres server (default: 127.0.0.1:5432/test), fresh schema
  BENCH_SKIP_POSTGRES=1               leave Postgres out
  BENCH_CPU_PROF=<dir>                gateway processes under node --cpu-prof; top entries printed
  BENCH_NODE_ARGS="<flags>"           node (and V8) flags for every gateway process (a baseline's too)
  BENCH_BASELINE=<checkout>           each set-up also from that checkout's build (built there first),
                                      side by side
`;

export interface BenchOptions {
  full: boolean;
  runs: number;
  rows: ReadonlySet<RowName>;
  /** Undefined: every set-up. */
  setups: ReadonlySet<SetupLabel> | undefined;
  onlyGateway: boolean;
  baseline: string | undefined;
}

/** A flag or BENCH_* variable the bench cannot use; the message names it and the rule. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function parseBenchOptions(argv: readonly string[], env: Env): BenchOptions | 'help' {
  let values: { help?: boolean; full?: boolean; short?: boolean; runs?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        full: { type: 'boolean' },
        short: { type: 'boolean' },
        runs: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError(usageMessage(error as Error & { code?: string }));
  }
  if (values.help) return 'help';
  const full = values.full === true;
  const runs = values.runs === undefined ? 1 : Number(values.runs);
  if (values.runs !== undefined && (!/^\d+$/.test(values.runs) || runs < 1 || runs > 9)) {
    throw new BenchUsageError(`--runs takes a whole number from 1 to 9 (got ${values.runs})`);
  }
  if (full && values.short) throw new BenchUsageError('--full and --short: give one of them');
  const only = env.BENCH_ONLY;
  if (only !== undefined && only !== '' && only !== 'gateway') {
    throw new BenchUsageError(`BENCH_ONLY takes only "gateway" (got "${only}")`);
  }
  return {
    full,
    runs,
    rows: listOf(env, 'BENCH_ROWS', ROW_NAMES) ?? new Set(ROW_NAMES),
    setups: listOf(env, 'BENCH_SETUPS', SETUP_LABELS),
    onlyGateway: only === 'gateway',
    baseline: env.BENCH_BASELINE || undefined,
  };
}

/** A comma-separated list whose every item is one of `allowed`; undefined when the variable is unset. */
function listOf<T extends string>(env: Env, name: string, allowed: readonly T[]): Set<T> | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const items = raw.split(',').map((item) => item.trim());
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0) {
    throw new BenchUsageError(
      `${name}: ${unknown.map((u) => `"${u}"`).join(', ')} is not one of ${allowed.join(', ')}`,
    );
  }
  return new Set(items as T[]);
}

/** node:util's parse error in this CLI's words: the argument named, and where the flags are listed. */
function usageMessage(error: Error & { code?: string }): string {
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && error.message.includes('--runs')) {
    return '--runs takes a whole number from 1 to 9 (got nothing)';
  }
  const named = /'([^']+)'/.exec(error.message)?.[1];
  return `unknown argument ${named ?? error.message.split('\n')[0]}; --help lists the flags`;
}
