import { existsSync, readFileSync, statSync } from 'node:fs';
import { captureLogs, makeTempDir, waitUntil } from '@onelink-kit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqliteCheckpoints } from '../../src/database-target.js';
import { createGatewayLogger } from '../../src/logger.js';
import { setCheckpointGate } from '../../src/storage/checkpoint-gate.js';
import { closeDatabase, createDatabase } from '../../src/storage/database.js';
import { pooledStatements } from '../../src/storage/pooled-statement.js';
import {
  BACKSTOP_CHECKPOINT_PAGES,
  startBackgroundCheckpoints,
} from '../../src/storage/sqlite-checkpoints.js';

const dir = makeTempDir('gateway-checkpoints-');
afterAll(() => dir.remove());

const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/** A database with one table; `write(n)` commits n rows of 3,000 bytes, a log page each. */
async function openWith(name: string, checkpoints: SqliteCheckpoints | undefined) {
  const filename = dir.join(`${name}.sqlite`);
  const db = createDatabase({
    client: 'sqlite',
    filename,
    ...(checkpoints === undefined ? {} : { checkpoints }),
  });
  await db.raw('create table filler (id integer primary key, body text)');
  const write = async (pages: number) => {
    for (let i = 0; i < pages; i++) await db.raw('insert into filler (body) values (?)', ['x'.repeat(3000)]);
  };
  return { db, filename, write };
}

describe('SQLite WAL checkpoints', () => {
  it('inline: the connection checkpoints by itself at 1,000 pages, so 300 leave the database file as it was', async () => {
    const { db, filename, write } = await openWith('inline', 'inline');
    try {
      expect(await db.raw('pragma wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 1000 }]);
      const before = size(filename);
      await write(300);
      expect(size(filename)).toBe(before);
      expect(size(`${filename}-wal`)).toBeGreaterThan(300 * 4096);
    } finally {
      await closeDatabase(db);
    }
  });

  it.each([{ given: undefined }, { given: 'background' as const }])(
    '$given (the default): a thread copies the log into the database file; the connection only backstops',
    async ({ given }) => {
      const { db, filename, write } = await openWith(`background-${given ?? 'default'}`, given);
      try {
        expect(await db.raw('pragma wal_autocheckpoint')).toEqual([
          { wal_autocheckpoint: BACKSTOP_CHECKPOINT_PAGES },
        ]);
        const before = size(filename);
        await write(500);
        // Below the connection's own mark: only the thread can have grown the database file.
        await waitUntil('the database file to take the log', () =>
          size(filename) > before + 400 * 4096 ? true : undefined,
        );
      } finally {
        await closeDatabase(db);
      }
    },
  );

  it('once the thread has copied the log, a commit starts it afresh; it is gone at close', async () => {
    const { db, filename, write } = await openWith('bounded', undefined);
    // The log header's checkpoint sequence number (bytes 12–15) goes up each time the log restarts.
    const restarts = () => readFileSync(`${filename}-wal`).readUInt32BE(12);
    await write(600);
    const before = restarts();
    // No checkpoint runs on this connection below its 10,000-page mark: only the thread's copy lets
    // a later commit write the log from its start again instead of growing it.
    await waitUntil('the log to restart', async () => {
      await write(1);
      return restarts() !== before ? true : undefined;
    });
    await db.destroy();
    // The last connection to close (the thread's, once told to stop) folds the log in and deletes it.
    await waitUntil(
      'the log to be deleted',
      () => (existsSync(`${filename}-wal`) ? undefined : true),
      10_000,
    );
  });

  it('closeDatabase resolves once the thread has folded the log in and deleted it: nothing is left writing', async () => {
    const { db, filename, write } = await openWith('closed', undefined);
    // Enough that the thread's last checkpoint, at close, takes a while to fold in.
    await write(3_000);
    expect(existsSync(`${filename}-wal`)).toBe(true);
    await closeDatabase(db);
    // No wait: the thread has stopped, so the folder can go at once (a test's cleanup, a deploy's rollback).
    expect([existsSync(`${filename}-wal`), existsSync(`${filename}-shm`)]).toEqual([false, false]);
  });

  it('two connections to one file, each with its thread (as in a worker pool), and neither thread reports a failure', async () => {
    const logs = captureLogs();
    const filename = dir.join('shared.sqlite');
    const open = () =>
      createDatabase({ client: 'sqlite', filename }, createGatewayLogger('warn', logs.destination));
    const [a, b] = [open(), open()];
    try {
      await a.raw('create table filler (id integer primary key, body text)');
      // ~1 s of commits from both while both threads checkpoint every 100 ms.
      for (let i = 0; i < 400; i++) {
        await (i % 2 === 0 ? a : b).raw('insert into filler (body) values (?)', ['x'.repeat(3000)]);
        if (i % 40 === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await a.raw('select count(*) as n from filler')).toEqual([{ n: 400 }]);
    } finally {
      await closeDatabase(a);
      await closeDatabase(b);
    }
    expect(logs.lines).toEqual([]);
  });

  it("the thread closes its gate while it runs a RESTART; the connection's statements wait for it, none lost", async () => {
    const { db, filename } = await openWith('gated', 'inline');
    const checkpoints = startBackgroundCheckpoints(filename, undefined, {
      intervalMs: 5,
      restartAbovePages: 0,
    });
    // As createDatabase does for its own thread (here one with a RESTART after every checkpoint).
    const client = db.client as {
      acquireConnection(): Promise<object>;
      releaseConnection(connection: object): Promise<void>;
    };
    const connection = await client.acquireConnection();
    await client.releaseConnection(connection);
    setCheckpointGate(connection, checkpoints.gate);
    const run = pooledStatements(db);
    const flag = new Int32Array(checkpoints.gate.shared);
    try {
      // The statements wait for a closed gate off the thread, so a watcher on the same thread sees it.
      let closedSeen = false;
      let writes = 0;
      const watcher = (async () => {
        while (!closedSeen && writes < 20_000) {
          closedSeen = Atomics.load(flag, 0) === 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      while (!closedSeen && writes < 20_000) {
        await run.write('insert into filler (body) values (?)', ['x'.repeat(3000)]);
        writes++;
      }
      await watcher;
      expect(closedSeen).toBe(true);
      expect(await run.read('select count(*) as n from filler', [])).toEqual([{ n: writes }]);
      await waitUntil('the gate to open', () =>
        checkpoints.gate.whenOpen() === undefined ? true : undefined,
      );
    } finally {
      await checkpoints.stop();
      await closeDatabase(db);
    }
    expect(Atomics.load(flag, 0)).toBe(0);
  });

  it('a thread that cannot open the file says so in the log and stops', async () => {
    const logs = captureLogs();
    const checkpoints = startBackgroundCheckpoints(
      dir.join('missing', 'nothing.sqlite'),
      createGatewayLogger('warn', logs.destination),
    );
    await waitUntil('a log line', () => (logs.lines.length > 0 ? true : undefined));
    expect(logs.entries()[0]).toMatchObject({
      level: 40,
      component: 'sqlite-checkpoints',
      msg: expect.stringMatching(/checkpoint thread stopped/),
    });
    await checkpoints.stop();
  });
});
