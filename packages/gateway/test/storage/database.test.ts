import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqliteSynchronous } from '../../src/database-target.js';
import { createDatabase, isRefusedByDatabase } from '../../src/storage/database.js';

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

describe('a statement refused by the database (nothing of it committed), or not', () => {
  const cases = [
    { name: 'Postgres answered with an error', given: { code: '23505', severity: 'ERROR' }, want: true },
    { name: 'Postgres, a SQLSTATE with letters', given: { code: '42P05', severity: 'ERROR' }, want: true },
    { name: 'SQLite reported one', given: { code: 'SQLITE_CONSTRAINT_UNIQUE' }, want: true },
    { name: 'the connection was reset', given: { code: 'ECONNRESET' }, want: false },
    { name: 'a code without a server severity', given: { code: '23505' }, want: false },
    { name: 'the connection ended', given: new Error('Connection terminated unexpectedly'), want: false },
    { name: 'not an error', given: undefined, want: false },
  ];
  it.each(cases)('$name → $want', ({ given, want }) => {
    expect(isRefusedByDatabase(given)).toBe(want);
  });
});
