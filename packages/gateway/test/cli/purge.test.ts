import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo } from '@onelink-kit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { runPurge } from '../../src/cli/purge.js';
import { closeDatabase, createDatabase, migrateToLatest } from '../../src/storage/database.js';
import { TRANSACTIONS } from '../../src/storage/migrations.js';

const NOW = new Date('2026-03-31T00:00:00.000Z');

describe('pnpm gateway:purge (runPurge)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function database(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-purge-'));
    dirs.push(dir);
    const filename = join(dir, 'gateway.sqlite');
    const db = createDatabase({ client: 'sqlite', filename });
    await migrateToLatest(db);
    const old = '2026-01-01T00:00:00.000Z';
    await db(TRANSACTIONS).insert({
      id: `qr_${'1'.repeat(32)}`,
      kind: 'merchant',
      status: 'succeeded',
      caller: 'shop-a',
      request_hash: 'a'.repeat(64),
      stan: '000001',
      rrn: '260010000001',
      amount: 310,
      merchant_id: 'MER0000123',
      expiry_date_time: '2026-01-01T12:00:00',
      request: '{"merchantDetails":{}}',
      response_body: '{"id":1}',
      created_at: old,
      updated_at: old,
    });
    await closeDatabase(db);
    return `sqlite:${filename}`;
  }

  it('purges the rows older than N days of DATABASE_URL and says how many', async () => {
    const url = await database();
    const dry = captureIo();
    expect(await runPurge(['--older-than-days', '30', '--dry-run'], { DATABASE_URL: url }, dry.io, NOW)).toBe(
      0,
    );
    expect(dry.out).toEqual([
      'would purge the bodies of 1 transaction(s) created before 2026-03-01T00:00:00.000Z',
    ]);
    const run = captureIo();
    expect(await runPurge(['--older-than-days=30'], { DATABASE_URL: url }, run.io, NOW)).toBe(0);
    expect(run.out).toEqual([
      'purged the bodies of 1 transaction(s) created before 2026-03-01T00:00:00.000Z',
    ]);
    const again = captureIo();
    expect(await runPurge(['--older-than-days', '30'], { DATABASE_URL: url }, again.io, NOW)).toBe(0);
    expect(again.out[0]).toMatch(/^purged the bodies of 0 transaction/);
  });

  const usage: Array<[string[], Record<string, string>, RegExp]> = [
    [[], {}, /--older-than-days is required/],
    [['--older-than-days'], {}, /--older-than-days: must be a whole number of days, at least 1/],
    [['--older-than-days', '0'], {}, /at least 1/],
    [['--older-than-days', 'ten'], {}, /at least 1/],
    [['--older-than-days', '3', '--force'], {}, /unknown argument "--force"/],
    [['--older-than-days', '3'], { DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be unset/],
  ];
  for (const [args, env, message] of usage) {
    it(`exits 2 for ${JSON.stringify(args)} ${JSON.stringify(env)}`, async () => {
      const run = captureIo();
      expect(await runPurge(args, env, run.io, NOW)).toBe(2);
      expect(run.err.join('\n')).toMatch(message);
      expect(run.out).toEqual([]);
    });
  }

  it('prints its usage for --help', async () => {
    const run = captureIo();
    expect(await runPurge(['--help'], {}, run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^Usage: pnpm gateway:purge --older-than-days N/);
  });
});
