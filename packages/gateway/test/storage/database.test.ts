import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqliteSynchronous } from '../../src/database-target.js';
import { createDatabase } from '../../src/storage/database.js';

const dir = mkdtempSync(join(tmpdir(), 'gateway-database-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite connection settings', () => {
  // PRAGMA synchronous answers 1 for NORMAL and 2 for FULL.
  const cases: Array<{ given: SqliteSynchronous | undefined; want: number }> = [
    { given: undefined, want: 1 },
    { given: 'normal', want: 1 },
    { given: 'full', want: 2 },
  ];
  it.each(cases)('synchronous $given → PRAGMA synchronous = $want, in WAL mode', async ({ given, want }) => {
    const db = createDatabase({
      client: 'sqlite',
      filename: join(dir, `${given ?? 'default'}.sqlite`),
      ...(given === undefined ? {} : { synchronous: given }),
    });
    try {
      expect(await db.raw('pragma synchronous')).toEqual([{ synchronous: want }]);
      expect(await db.raw('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await db.destroy();
    }
  });
});
