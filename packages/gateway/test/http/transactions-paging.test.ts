import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

// GET /v1/transactions with limit + cursor (the console's pages) and GET /v1/transactions/{id}.
// The JSON answers pass the validator's response check, so each is also checked against the spec.

type Gateway = Awaited<ReturnType<typeof startTestGateway>>;
interface Item {
  id: string;
  rrn: string;
  status: string;
  createdAt: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

let fake: FakeOneLink;
let gw: Gateway;
const ids: string[] = [];

const auth = { Authorization: `Bearer ${API_KEY}` };

async function create(amount: number): Promise<string> {
  const answer = await request(gw.app)
    .post('/v1/qr/merchant')
    .set(auth)
    .send({ ...merchantRequest, amount });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

async function page(query: Record<string, string | number>): Promise<Page> {
  const answer = await request(gw.app).get('/v1/transactions').query(query).set(auth);
  expect(answer.status).toBe(200);
  return answer.body as Page;
}

/** Every page of a listing, following nextCursor. */
async function walk(query: Record<string, string | number>): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const next: Page = await page(cursor === null ? query : { ...query, cursor });
    pages.push(next.items);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return pages;
}

beforeAll(async () => {
  fake = await startFakeOneLink();
  gw = await startTestGateway(fake.url);
  for (let i = 1; i <= 7; i++) ids.push(await create(100 + i));
});

afterAll(async () => {
  await gw?.cleanup();
  await fake?.stop();
});

describe('GET /v1/transactions paged', () => {
  it('newest first in pages of limit, nextCursor null after the last', async () => {
    const pages = await walk({ order: 'desc', limit: 3 });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((i) => i.id)).toEqual([...ids].reverse());
  });

  it('oldest first by default', async () => {
    const pages = await walk({ limit: 4 });
    expect(pages.map((p) => p.length)).toEqual([4, 3]);
    expect(pages.flat().map((i) => i.id)).toEqual(ids);
  });

  it('a limit that divides the rows exactly ends with nextCursor null, not an empty page', async () => {
    const first = await page({ limit: 7 });
    expect(first.items).toHaveLength(7);
    expect(first.nextCursor).toBeNull();
  });

  it('rows created while paging do not shift the next page (keyset, not offset)', async () => {
    const first = await page({ order: 'desc', limit: 3 });
    const added = await create(999);
    const second = await page({ order: 'desc', limit: 3, cursor: first.nextCursor as string });
    expect(second.items.map((i) => i.id)).toEqual([...ids].reverse().slice(3, 6));
    expect(second.items.map((i) => i.id)).not.toContain(added);
    ids.push(added);
  });

  it('filters apply to every page', async () => {
    const all = await page({ limit: 100 });
    const from = all.items[2]?.createdAt as string;
    const pages = await walk({ order: 'desc', limit: 2, from, status: 'succeeded' });
    expect(pages.flat().map((i) => i.id)).toEqual(
      all.items
        .slice(2)
        .map((i) => i.id)
        .reverse(),
    );
    expect(await page({ limit: 5, status: 'unknown' })).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    [{ limit: 0 }, 'query.limit'],
    [{ limit: 501 }, 'query.limit'],
    [{ limit: 5, cursor: 'NOT-A-CURSOR' }, 'query.cursor'],
    [{ order: 'newest' }, 'query.order'],
    [{ format: 'csv', limit: 5 }, 'query.limit'],
    [{ format: 'csv', cursor: 'a1' }, 'query.cursor'],
  ])('%o is refused naming %s', async (query, field) => {
    const answer = await request(gw.app).get('/v1/transactions').query(query).set(auth);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('GET /v1/transactions/{id}', () => {
  it('the stored row with the request sent and the answer received', async () => {
    const answer = await request(gw.app).get(`/v1/transactions/${ids[0]}`).set(auth);
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(ids[0]);
    expect(answer.body.status).toBe('succeeded');
    expect(answer.body.request).toEqual(fake.bodies[0]);
    expect(answer.body.upstreamResponse).toMatchObject({ responseCode: '00' });
    expect(answer.body.caller).toMatch(/^key_[0-9a-f]{8}$/);
  });

  it('404 for an unknown id, 401 without a key', async () => {
    const missing = await request(gw.app)
      .get(`/v1/transactions/qr_${'0'.repeat(32)}`)
      .set(auth);
    expect(missing.status).toBe(404);
    expect((await request(gw.app).get(`/v1/transactions/${ids[0]}`)).status).toBe(401);
  });
});
