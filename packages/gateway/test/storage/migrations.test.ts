import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReady, closeDatabase, createDatabase, migrateToLatest } from '../../src/storage/database.js';
import { storageBackends } from './backends.js';

const backends = await storageBackends();

describe('readiness on sqlite before and after migrations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  it('reports pending migrations, then ready; WAL is on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-migrate-'));
    dirs.push(dir);
    const db = createDatabase({ client: 'sqlite', filename: join(dir, 'nested', 'gw.sqlite') });
    try {
      expect(await checkReady(db)).toEqual({ ok: false, reason: '4 migration(s) pending' });
      await migrateToLatest(db);
      expect(await checkReady(db)).toEqual({ ok: true });
      expect(await db.raw('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await db.raw('pragma busy_timeout')).toEqual([{ timeout: 5000 }]);
    } finally {
      await closeDatabase(db);
    }
  });
});

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`migrations on ${backend.name}`, () => {
    it('are idempotent and leave the database ready', async () => {
      const { db, close } = await backend.open();
      try {
        await migrateToLatest(db);
        expect(await checkReady(db)).toEqual({ ok: true });
      } finally {
        await close();
      }
    });
  });
}

describe('readiness when the database is unreachable', () => {
  it('says so instead of throwing', async () => {
    const db = createDatabase({ client: 'postgres', connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    try {
      const got = await checkReady(db);
      expect(got.ok).toBe(false);
      expect(got.reason).toMatch(/^database unreachable/);
    } finally {
      await db.destroy();
    }
  });
});
