import { describe, expect, it } from 'vitest';
import {
  nextTurn,
  type StatementGroupsOptions,
  statementGroups,
} from '../../src/storage/statement-groups.js';

/** A fake statement runner: records what ran, alone or grouped; `refuse`/`lose` fail the items named. */
function fakeWrites(options: { refuse?: string[]; lose?: boolean; pause?: boolean; max?: number } = {}) {
  const ran: string[][] = [];
  const settled = (items: string[]) => {
    ran.push(items);
    // Each statement takes one turn, as a round trip to a server would.
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
  const refused = (item: string) => Object.assign(new Error(`refused ${item}`), { refused: true });
  const writes: StatementGroupsOptions<string, string> = {
    async one(item) {
      await settled([item]);
      if (options.refuse?.includes(item)) throw refused(item);
      return `${item} alone`;
    },
    async group(items) {
      await settled([...items]);
      if (options.lose) throw new Error('connection lost');
      if (items.some((item) => options.refuse?.includes(item))) throw refused(items.join(','));
      if (new Set(items).size !== items.length) return undefined;
      return items.map((item) => `${item} in ${items.length}`);
    },
    again: (error) => (error as { refused?: boolean }).refused === true,
    max: options.max ?? 32,
    ...(options.pause ? { pause: nextTurn } : {}),
  };
  return { groups: statementGroups(writes), ran };
}

/** Calls that settle within the turn, as better-sqlite3's do, each statement recorded in `ran`. */
function inTurnWrites(ran: string[][], over: Partial<StatementGroupsOptions<string, string>> = {}) {
  return statementGroups<string, string>({
    async one(item) {
      ran.push([item]);
      return item;
    },
    async group(items) {
      ran.push([...items]);
      return [...items];
    },
    again: () => true,
    max: 32,
    ...over,
  });
}

const outcomes = (results: PromiseSettledResult<string>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? r.value : `rejected: ${(r.reason as Error).message}`));

describe('statement groups', () => {
  it('a write with none in flight runs at once, alone', () => {
    const { groups, ran } = fakeWrites();
    void groups.run('a');
    // Started within the call: no turn waited.
    expect(ran).toEqual([['a']]);
  });

  const given = [
    {
      name: 'writes arriving while one is in flight run next, together',
      options: {},
      items: ['a', 'b', 'c', 'd'],
      want: { ran: [['a'], ['b', 'c', 'd']], outcomes: ['a alone', 'b in 3', 'c in 3', 'd in 3'] },
    },
    {
      name: 'a group holds at most `max` writes',
      options: { max: 2 },
      items: ['a', 'b', 'c', 'd', 'e'],
      want: {
        ran: [['a'], ['b', 'c'], ['d', 'e']],
        outcomes: ['a alone', 'b in 2', 'c in 2', 'd in 2', 'e in 2'],
      },
    },
    {
      name: 'a refused group runs again write by write: only the refused write fails',
      options: { refuse: ['c'] },
      items: ['a', 'b', 'c', 'd'],
      want: {
        ran: [['a'], ['b', 'c', 'd'], ['b'], ['c'], ['d']],
        outcomes: ['a alone', 'b alone', 'rejected: refused c', 'd alone'],
      },
    },
    {
      name: 'a group lost on the way is never sent again: each of its writes fails with that error',
      options: { lose: true },
      items: ['a', 'b', 'c'],
      want: {
        ran: [['a'], ['b', 'c']],
        outcomes: ['a alone', 'rejected: connection lost', 'rejected: connection lost'],
      },
    },
    {
      name: 'writes that cannot share a statement run alone',
      options: {},
      items: ['a', 'b', 'b'],
      want: { ran: [['a'], ['b', 'b'], ['b'], ['b']], outcomes: ['a alone', 'b alone', 'b alone'] },
    },
  ];
  it.each(given)('$name', async ({ options, items, want }) => {
    const { groups, ran } = fakeWrites(options);
    const results = await Promise.allSettled(items.map((item) => groups.run(item)));
    expect(ran).toEqual(want.ran);
    expect(outcomes(results)).toEqual(want.outcomes);
  });

  it('after the queue empties, the next write runs alone without waiting for a turn', async () => {
    const { groups, ran } = fakeWrites();
    await Promise.all([groups.run('a'), groups.run('b')]);
    const c = groups.run('c');
    // Before the next turn's check phase: started, not held for one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(ran).toEqual([['a'], ['b'], ['c']]);
    await c;
  });

  it('a write that throws before its promise is made fails alone, and the queue goes on', async () => {
    const groups = statementGroups<string, string>({
      one(item) {
        if (item === 'bad') throw new Error('thrown at once');
        return Promise.resolve(item);
      },
      group: async (items) => [...items],
      again: () => true,
      max: 32,
    });
    const results = await Promise.allSettled([groups.run('bad'), groups.run('x')]);
    expect(outcomes(results)).toEqual(['rejected: thrown at once', 'x']);
    await expect(groups.run('y')).resolves.toBe('y');
  });

  it('with a pause, a driver that writes within the turn still gathers the rest of the turn', async () => {
    const ran: string[][] = [];
    const inTurn = (pause: boolean) => inTurnWrites(ran, pause ? { pause: nextTurn } : {});
    const arriveOverOneTurn = async (groups: ReturnType<typeof inTurn>) => {
      const first = groups.run('a');
      // Later I/O callbacks of the same turn, after the first write's microtasks.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      await Promise.resolve();
      return Promise.all([first, groups.run('b'), groups.run('c')]);
    };
    await arriveOverOneTurn(inTurn(false));
    expect(ran).toEqual([['a'], ['b'], ['c']]);
    ran.length = 0;
    await arriveOverOneTurn(inTurn(true));
    expect(ran).toEqual([['a'], ['b', 'c']]);
  });

  it('with two lanes, a call that hangs holds up only its own lane', async () => {
    const ran: string[][] = [];
    let release: (() => void) | undefined;
    const groups = inTurnWrites(ran, {
      lanes: 2,
      async one(item) {
        ran.push([item]);
        if (item === 'hangs') await new Promise<void>((resolve) => (release = resolve));
        return item;
      },
    });
    const hangs = groups.run('hangs');
    const others = await Promise.all([groups.run('b'), groups.run('c'), groups.run('d')]);
    expect(others).toEqual(['b', 'c', 'd']);
    expect(ran).toEqual([['hangs'], ['b'], ['c', 'd']]);
    release?.();
    await expect(hangs).resolves.toBe('hangs');
  });

  it('a group answered with fewer results than calls fails each call, and is not sent again', async () => {
    const ran: string[][] = [];
    const groups = inTurnWrites(ran, {
      async group(items) {
        ran.push([...items]);
        return items.slice(1);
      },
    });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((item) => groups.run(item)));
    expect(outcomes(results)).toEqual([
      'a',
      'rejected: a statement group answered 1 results for 2 calls',
      'rejected: a statement group answered 1 results for 2 calls',
    ]);
    expect(ran).toEqual([['a'], ['b', 'c']]);
  });

  it('refuses lanes below 1, and more than one lane with a pause', () => {
    const base = { one: async () => 1, group: async () => [], again: () => true, max: 32 };
    expect(() => statementGroups({ ...base, lanes: 0 })).toThrow(/1 lane or more/);
    expect(() => statementGroups({ ...base, lanes: 2, pause: nextTurn })).toThrow(/1 with a pause/);
  });

  it('refuses a group size below 1', () => {
    expect(() =>
      statementGroups({ one: async () => 1, group: async () => [], again: () => true, max: 0 }),
    ).toThrow(/at least 1 call, got 0/);
  });
});
