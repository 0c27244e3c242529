import { randomBytes } from 'node:crypto';
import { freePort } from '@onelink-kit/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/storage/database.js';
import { planRateLimitsMigration } from '../../src/storage/retention-migrations.js';
import { createPlanLimit, type PlanLimit, type PlanSlot } from '../../src/upstream/plan-limit.js';
import { storageBackends } from '../storage/backends.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const uniqueKey = () => `test-client-${randomBytes(6).toString('hex')}`;
const okCount = (slots: PlanSlot[]) => slots.filter((s) => s.ok).length;
/** `n` acquisitions at once, through `limits` in turn (two limits stand for two gateway processes). */
const burst = (n: number, ...limits: PlanLimit[]) =>
  Promise.all(Array.from({ length: n }, (_, i) => limits[i % limits.length]!.acquire()));
/** A plan of `points` per `durationSec` counted in this process, waiting up to `waitMs` for a slot. */
const inMemory = (points: number, durationSec: number, waitMs: number) =>
  createPlanLimit({ rate: { points, durationSec }, waitMs, store: { kind: 'memory' }, key: 'c' });

async function redisAnswers(): Promise<string | undefined> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `no Redis at ${REDIS_URL}: ${(error as Error).message}`;
  } finally {
    probe.disconnect();
  }
}

describe('plan limit, memory store', () => {
  it('lets the plan through, then refuses at once with Retry-After when no wait is allowed', async () => {
    const slots = await burst(5, inMemory(3, 1, 0));
    expect(okCount(slots)).toBe(3);
    expect(slots.filter((s) => !s.ok)).toEqual([
      { ok: false, retryAfterSeconds: 1 },
      { ok: false, retryAfterSeconds: 1 },
    ]);
  });

  it('waits for the next window within the bound', async () => {
    const started = Date.now();
    const slots = await burst(4, inMemory(2, 1, 1_500));
    expect(okCount(slots)).toBe(4);
    // Two went at once, two waited for the second window.
    expect(slots.filter((s) => s.ok && s.waitedMs >= 500)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses when the next window is further away than the bound', async () => {
    const limit = inMemory(1, 60, 200);
    expect((await limit.acquire()).ok).toBe(true);
    const started = Date.now();
    expect(await limit.acquire()).toEqual({ ok: false, retryAfterSeconds: 60 });
    // It did not sleep a wait that could not succeed: that would take the whole 200 ms bound.
    expect(Date.now() - started).toBeLessThan(200);
  });
});

const backends = await storageBackends();
const pg = backends.find((b) => b.backend.name === 'postgres')!;

describe.skipIf(pg.skip !== undefined)('plan limit, Postgres store shared by two instances', () => {
  it('counts both instances against one plan', async () => {
    const a = await pg.backend.open();
    // The migration's table under another name, so this test does not depend on the migration list.
    const table = `plan_limit_test_${randomBytes(3).toString('hex')}`;
    await planRateLimitsMigration(table).up(a.db);
    // A second pool on the same schema stands for the second gateway process.
    const second = createDatabase(a.target);
    const key = uniqueKey();
    const make = (db: typeof a.db) =>
      createPlanLimit({
        rate: { points: 4, durationSec: 5 },
        waitMs: 0,
        store: { kind: 'postgres', db, tableName: table },
        key,
      });
    const limits: PlanLimit[] = [make(a.db), make(second)];
    try {
      const slots = await burst(10, ...limits);
      expect(okCount(slots)).toBe(4);
      const counted = await a
        .db(table)
        .where({ key: `onelink_plan:${key}` })
        .first();
      expect(Number(counted.points)).toBeGreaterThanOrEqual(10);
    } finally {
      await second.destroy();
      await a.close();
    }
  });
});

const redisSkip = await redisAnswers();
if (redisSkip !== undefined && process.env.CI) throw new Error(`CI requires the Redis run: ${redisSkip}`);

describe.skipIf(redisSkip !== undefined)('plan limit, Redis store shared by two instances', () => {
  const limits: PlanLimit[] = [];
  afterAll(async () => {
    await Promise.all(limits.map((l) => l.close()));
  });

  it('counts both instances against one plan', async () => {
    const key = uniqueKey();
    for (let i = 0; i < 2; i++) {
      limits.push(
        createPlanLimit({
          rate: { points: 3, durationSec: 5 },
          waitMs: 0,
          store: { kind: 'redis', url: REDIS_URL },
          key,
        }),
      );
    }
    // ioredis connects in the background; without an offline queue the first command must wait for it.
    await Promise.all(limits.map((l) => l.ready()));
    const slots = await burst(8, ...limits);
    expect(okCount(slots)).toBe(3);
    expect(slots.find((s) => !s.ok)).toEqual({ ok: false, retryAfterSeconds: 5 });
  });
});

describe('plan limit, Redis unreachable', () => {
  it('falls back to counting in this process (never unlimited)', async () => {
    const closed = await freePort();
    const limit = createPlanLimit({
      rate: { points: 2, durationSec: 5 },
      waitMs: 0,
      store: { kind: 'redis', url: `redis://127.0.0.1:${closed}` },
      key: uniqueKey(),
    });
    try {
      await limit.ready();
      expect(okCount(await burst(4, limit))).toBe(2);
    } finally {
      await limit.close();
    }
  });
});
