/**
 * FUZZ_SEED replays a run (every run prints its seed); FUZZ_RUNS sets how many requests each database
 * gets (default 250 in `pnpm test`, `pnpm fuzz` sets 3,000).
 */
export function fuzzSettings(env: Readonly<Record<string, string | undefined>> = process.env): {
  seed: number;
  runs: number;
} {
  const seedText = env.FUZZ_SEED?.trim();
  const runsText = env.FUZZ_RUNS?.trim();
  if (seedText && !/^-?\d+$/.test(seedText))
    throw new Error(`FUZZ_SEED: must be an integer, got ${JSON.stringify(seedText)}`);
  if (runsText && !/^\d+$/.test(runsText))
    throw new Error(`FUZZ_RUNS: must be a positive integer, got ${JSON.stringify(runsText)}`);
  const seed = seedText ? Number(seedText) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  return { seed, runs: runsText ? Math.max(1, Number(runsText)) : 250 };
}
