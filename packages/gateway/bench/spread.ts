// The replay and `GET` rows of `pnpm bench:gateway` spread over transactions of their own, each request
// drawn at random: one row read again and again would flatter a store that reads the rows of several
// requests in one statement (an id asked for twice is read once).

/** Transactions the replay and `GET` rows spread over. */
export const SPREAD = 1_000;

/** What each request may be changed to: a path, or headers over the row's own. */
export type Spread = Array<{ path?: string; headers?: Record<string, string> }>;

/** SPREAD creates at `url`, 16 at a time, each with an idempotency key of its own. */
export async function createSpread(
  url: string,
  headers: Record<string, string>,
  body: string,
  prefix: string,
): Promise<Array<{ id: string; key: string }>> {
  const made: Array<{ id: string; key: string }> = [];
  for (let start = 0; start < SPREAD; start += 16) {
    const batch = Array.from({ length: Math.min(16, SPREAD - start) }, async (_, i) => {
      const key = `bench-replay-${prefix.replace(/\W+/g, '-')}-${start + i}`;
      const answer = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': key },
        body,
      });
      const created = (await answer.json()) as { id: string };
      if (answer.status !== 201) {
        throw new Error(`${prefix}: a create answered ${answer.status}: ${JSON.stringify(created)}`);
      }
      return { id: created.id, key };
    });
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

/** autocannon's `setupRequest`: each request changed to one of `choices`, drawn at random. */
export function spreadOver(choices: Spread) {
  return <R extends { path: string; headers: Record<string, string> }>(request: R): R => {
    const choice = choices[Math.floor(Math.random() * choices.length)]!;
    if (choice.path !== undefined) request.path = choice.path;
    if (choice.headers !== undefined) request.headers = { ...request.headers, ...choice.headers };
    return request;
  };
}
