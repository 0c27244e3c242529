import { afterEach, describe, expect, it } from 'vitest';
import { checkpointGateOf } from '../../src/storage/checkpoint-gate.js';
import { isUniqueViolation } from '../../src/storage/database.js';
import { pooledStatements } from '../../src/storage/pooled-statement.js';
import { storageBackends } from './backends.js';

const backends = await storageBackends();

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`pooled statements on ${backend.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of cleanups.splice(0)) await close();
    });

    async function table() {
      const opened = await backend.open();
      cleanups.push(opened.close);
      await opened.db.schema.createTable('pooled_probe', (t) => {
        t.string('id').primary();
        t.boolean('flag');
        t.integer('n');
        t.text('note');
      });
      return { db: opened.db, run: pooledStatements(opened.db) };
    }

    it.each([
      { given: ['a', true, 1, 'text with ü'], want: { id: 'a', flag: true, n: 1, note: 'text with ü' } },
      { given: ['b', false, 0, null], want: { id: 'b', flag: false, n: 0, note: null } },
      {
        given: ['c', null, -7, '{"json":"as text"}'],
        want: { id: 'c', flag: null, n: -7, note: '{"json":"as text"}' },
      },
    ] as const)('writes and reads back what knex reads: $given', async ({ given, want }) => {
      const { db, run } = await table();
      expect(await run.write('insert into pooled_probe (id, flag, n, note) values (?, ?, ?, ?)', given)).toBe(
        1,
      );
      const [read] = await run.read('select * from pooled_probe where id = ?', [given[0]]);
      const [viaKnex] = await db('pooled_probe').where({ id: given[0] });
      expect(read).toEqual(viaKnex);
      // SQLite keeps a boolean as 0/1, as knex's own dialect writes it.
      const flag = read?.flag;
      expect(flag === null ? null : Boolean(flag)).toBe(want.flag);
      expect([read?.id, read?.n, read?.note]).toEqual([want.id, want.n, want.note]);
    });

    it('counts the rows a write changed, the same statement run again and again', async () => {
      const { run } = await table();
      for (const id of ['a', 'b', 'c']) {
        await run.write('insert into pooled_probe (id, n) values (?, ?)', [id, 1]);
      }
      expect(await run.write('update pooled_probe set n = ? where n = ?', [2, 1])).toBe(3);
      expect(await run.write('update pooled_probe set n = ? where n = ?', [2, 1])).toBe(0);
      expect(await run.read('select id from pooled_probe where n = ? order by id', [2])).toEqual([
        { id: 'a' },
        { id: 'b' },
        { id: 'c' },
      ]);
    });

    it("refuses a duplicate with the driver's error, which the store reads as a unique violation", async () => {
      const { run } = await table();
      await run.write('insert into pooled_probe (id) values (?)', ['a']);
      const error = await run
        .write('insert into pooled_probe (id) values (?)', ['a'])
        .catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      // The connection went back to the pool: the next statement runs.
      expect(await run.read('select count(*) as n from pooled_probe', [])).toEqual([
        { n: backend.name === 'postgres' ? '1' : 1 },
      ]);
    });

    // SQLite only: Postgres connections have no checkpoint thread, so no gate.
    if (backend.name === 'sqlite') {
      it('SQLite: while the checkpoint thread restarts the log (its gate closed), a statement waits, then runs', async () => {
        const { db, run } = await table();
        const client = db.client as {
          acquireConnection(): Promise<object>;
          releaseConnection(c: object): Promise<void>;
        };
        const connection = await client.acquireConnection();
        await client.releaseConnection(connection);
        const gate = checkpointGateOf(connection);
        if (gate === undefined) throw new Error('the connection has no checkpoint gate');
        Atomics.store(new Int32Array(gate.shared), 0, 1);
        let written: number | undefined;
        const write = run.write('insert into pooled_probe (id, n) values (?, ?)', ['g', 1]).then((n) => {
          written = n;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(written).toBeUndefined();
        gate.open();
        await write;
        expect(written).toBe(1);
        expect(await run.read('select id, n from pooled_probe', [])).toEqual([{ id: 'g', n: 1 }]);
      });
    }

    it("waits for knex's transaction on the same pool, and sees its rows only once committed", async () => {
      const { db, run } = await table();
      const trx = await db.transaction();
      await trx('pooled_probe').insert({ id: 't', n: 1 });
      if (backend.name === 'sqlite') {
        // The pool's one connection is the transaction's until it commits: the read waits for it.
        let committed = false;
        const read = run.read('select id from pooled_probe', []).then((rows) => ({ rows, committed }));
        await new Promise((resolve) => setTimeout(resolve, 50));
        committed = true;
        await trx.commit();
        expect(await read).toEqual({ rows: [{ id: 't' }], committed: true });
      } else {
        // Postgres: another connection, which answers while the transaction is open (awaiting it
        // before the commit would hang if it waited) and does not see the uncommitted row.
        expect(await run.read('select id from pooled_probe', [])).toEqual([]);
        await trx.commit();
        expect(await run.read('select id from pooled_probe', [])).toEqual([{ id: 't' }]);
      }
    });
  });
}
