import { parseDatabaseUrl } from '../config.js';
import { ConfigError } from '../config-error.js';
import { closeDatabase, createDatabase, migrateToLatest } from '../storage/database.js';
import { PURGED_COLUMNS, purgeBodies } from '../storage/purge.js';

export const PURGE_USAGE = `Usage: pnpm gateway:purge --older-than-days N [--dry-run]

Removes the stored request and answer bodies (${PURGED_COLUMNS.join(', ')}) of finished
transactions created more than N days ago, in the database of DATABASE_URL (as the gateway reads it).
Kept for reconciliation: id, kind, status, caller, idempotency key, reference, STAN, RRN, amount,
merchant id, expiry, HTTP status, 1LINK response code and every time. Pending rows are never touched.
A purged row's Idempotency-Key no longer replays (the same key creates a new QR).
--dry-run counts the rows it would purge and changes nothing. Exit 0 done, 1 failed, 2 usage.`;

export interface PurgeIo {
  out(line: string): void;
  err(line: string): void;
}

/** `pnpm gateway:purge` as a function: argv and env in, an exit code out (tests run it in-process). */
export async function runPurge(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: PurgeIo,
  now: Date = new Date(),
): Promise<number> {
  let days: number | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      io.out(PURGE_USAGE);
      return 0;
    }
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--older-than-days' || arg.startsWith('--older-than-days=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
        io.err('--older-than-days: must be a whole number of days, at least 1');
        return 2;
      }
      days = Number(value);
    } else {
      io.err(`unknown argument ${JSON.stringify(arg)}\n\n${PURGE_USAGE}`);
      return 2;
    }
  }
  if (days === undefined) {
    io.err(`--older-than-days is required\n\n${PURGE_USAGE}`);
    return 2;
  }
  let target: ReturnType<typeof parseDatabaseUrl>;
  try {
    target = parseDatabaseUrl(env.DATABASE_URL?.trim() || undefined);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  const db = createDatabase(target);
  try {
    // The same schema the gateway runs with (the purge marker column included).
    await migrateToLatest(db);
    const result = await purgeBodies(db, days, { now, dryRun });
    io.out(
      `${dryRun ? 'would purge' : 'purged'} the bodies of ${result.purged} transaction(s) created before ${result.before}`,
    );
    return 0;
  } catch (error) {
    io.err(`purge failed: ${(error as Error).message.split('\n')[0]}`);
    return 1;
  } finally {
    await closeDatabase(db);
  }
}
