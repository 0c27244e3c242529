import { createTestSchema, findPostgres } from '@onelink-kit/testkit';

/**
 * A fresh schema on the Postgres server (BENCH_DATABASE_URL, or the test kit's), which `drop()` removes;
 * undefined when BENCH_SKIP_POSTGRES=1 or no server answers.
 */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (process.env.BENCH_SKIP_POSTGRES === '1') return undefined;
  const found = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, reason: '' }
    : await findPostgres();
  if (found.url === undefined) {
    console.error(`Postgres left out (${found.reason})`);
    return undefined;
  }
  const schema = await createTestSchema(found.url, 'bench');
  return { url: schema.databaseUrl, drop: schema.drop };
}
