import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqliteSynchronous } from '../../src/database-target.js';
import { closeDatabase, createDatabase, isRefusedForItsData } from '../../src/storage/database.js';

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
      await closeDatabase(db);
    }
  });
});

describe('a statement refused for its data (rolled back; its rows alone may succeed), or not', () => {
  const cases = [
    { name: 'Postgres: a unique violation', given: { code: '23505', severity: 'ERROR' }, want: true },
    { name: 'Postgres: a value too long', given: { code: '22001', severity: 'ERROR' }, want: true },
    { name: 'Postgres: a deadlock', given: { code: '40P01', severity: 'ERROR' }, want: true },
    { name: 'Postgres: an undefined column', given: { code: '42703', severity: 'ERROR' }, want: false },
    { name: 'Postgres: shutting down', given: { code: '57P01', severity: 'FATAL' }, want: false },
    { name: 'Postgres: a code without a server severity', given: { code: '23505' }, want: false },
    { name: 'SQLite: a unique constraint', given: { code: 'SQLITE_CONSTRAINT_UNIQUE' }, want: true },
    { name: 'SQLite: a value too big', given: { code: 'SQLITE_TOOBIG' }, want: true },
    { name: 'SQLite: busy', given: { code: 'SQLITE_BUSY' }, want: false },
    { name: 'SQLite: a disk error', given: { code: 'SQLITE_IOERR_WRITE' }, want: false },
    { name: 'the connection was reset', given: { code: 'ECONNRESET' }, want: false },
    { name: 'the connection ended', given: new Error('Connection terminated unexpectedly'), want: false },
    { name: 'not an error', given: undefined, want: false },
  ];
  it.each(cases)('$name → $want', ({ given, want }) => {
    expect(isRefusedForItsData(given)).toBe(want);
  });
});
