import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, createDatabase } from '../../src/storage/database.js';
import { cachePreparedStatements } from '../../src/storage/statement-cache.js';

/** A connection whose `prepare` makes a new statement object per call and counts the calls. */
function connection(size?: number) {
  const prepared: string[] = [];
  const conn = {
    prepare(sql: string): unknown {
      if (sql.includes('missing')) throw new Error('no such table: missing');
      prepared.push(sql);
      return { sql };
    },
  };
  cachePreparedStatements(conn, size);
  return { conn, prepared };
}

describe('cachePreparedStatements', () => {
  it('prepares each SQL text once and hands back the same statement after', () => {
    const { conn, prepared } = connection();
    const first = conn.prepare('select 1');
    expect(conn.prepare('select 1')).toBe(first);
    expect(conn.prepare('select 2')).not.toBe(first);
    expect(prepared).toEqual(['select 1', 'select 2']);
  });

  it('evicts the least recently used statement past its size', () => {
    const { conn, prepared } = connection(2);
    const a = conn.prepare('select 1');
    conn.prepare('select 2');
    expect(conn.prepare('select 1')).toBe(a); // a is now the most recent
    conn.prepare('select 3'); // evicts select 2
    expect(conn.prepare('select 1')).toBe(a);
    conn.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('a statement that fails to prepare is not cached', () => {
    const { conn } = connection();
    expect(() => conn.prepare('select * from missing')).toThrow(/no such table/);
    expect(() => conn.prepare('select * from missing')).toThrow(/no such table/);
  });
});

describe('statement reuse on a real SQLite database (through knex)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-statements-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the same query runs again with new bindings, and still answers after its table changes', async () => {
    const db = createDatabase({ client: 'sqlite', filename: join(dir, 'reuse.sqlite') });
    try {
      await db.schema.createTable('t', (table) => {
        table.increments('id');
        table.text('v');
      });
      await db('t').insert({ v: 'a' });
      await db('t').insert({ v: 'b' });
      expect(await db('t').select('v').orderBy('id')).toEqual([{ v: 'a' }, { v: 'b' }]);
      await db.schema.alterTable('t', (table) => table.text('w').defaultTo('x'));
      expect(await db('t').select('*').orderBy('id')).toEqual([
        { id: 1, v: 'a', w: 'x' },
        { id: 2, v: 'b', w: 'x' },
      ]);
    } finally {
      await closeDatabase(db);
    }
  });
});
