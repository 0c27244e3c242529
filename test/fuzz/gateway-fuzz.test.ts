import { findPostgres } from '@onelink-kit/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzSettings } from './support/fuzz-settings.js';
import { FUZZ_KEY, type FuzzTarget, startFuzzTarget } from './support/fuzz-target.js';
import { rawRequest } from './support/raw-http.js';
import { readRequests } from './support/read-requests.js';
import { createRequests, type FuzzRequest } from './support/requests.js';
import { isParserRefusal, responseIssues } from './support/response-check.js';
import { operations } from './support/spec.js';

// Provider fuzzing from spec/gateway.yaml: requests for every operation, valid (every shape the schema
// allows, bounds, Unicode) and invalid (each constraint broken once, wrong types, extra and deep
// properties, control characters, huge values, hostile headers and query strings), against a running
// gateway over the fake 1LINK. Properties: no 5xx ever; every answer is what the spec declares; an
// invalid request writes no row and spends no RRN; a valid create writes exactly one row.

const { seed, runs } = fuzzSettings();
console.info(
  `[fuzz] seed ${seed}, ${runs} requests per database (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} pnpm fuzz)`,
);

const postgres = await findPostgres();
if (postgres.url === undefined && process.env.CI)
  throw new Error(`CI requires the Postgres fuzz run: ${postgres.reason}`);

let serial = 0;
const requests = fc.oneof(
  ...operations().map((op) =>
    op.body === undefined ? readRequests(op, FUZZ_KEY) : createRequests(op, FUZZ_KEY, () => ++serial),
  ),
);

const databases = [
  { name: 'SQLite', database: { kind: 'sqlite' as const } },
  { name: 'Postgres', database: postgres.url ? { kind: 'postgres' as const, url: postgres.url } : undefined },
];

for (const { name, database } of databases) {
  describe.skipIf(database === undefined)(`gateway fuzzing on ${name}`, () => {
    let target: FuzzTarget;
    const created: string[] = [];
    beforeAll(async () => {
      target = await startFuzzTarget(database!);
    });
    afterAll(async () => {
      await target?.close();
    });

    it(
      `${runs} generated requests: no 5xx, answers as the spec says, rows only for valid creates`,
      async () => {
        await fc.assert(
          fc.asyncProperty(requests, async (request) => {
            const sent = resolve(request, created);
            const [rowsBefore, rrnsBefore] = [await target.rows(), await target.rrns()];
            const res = await rawRequest(target.port, sent);
            const [rowsAfter, rrnsAfter] = [await target.rows(), await target.rrns()];
            const what = `${sent.method} ${sent.target.slice(0, 120)} (${request.why}) → ${res.status} ${res.body.subarray(0, 300).toString('utf8')}`;

            expect(res.status, what).toBeLessThan(500);
            if (!isParserRefusal(res)) expect(responseIssues(request.operationId, res), what).toEqual([]);
            if (request.creates && request.valid) {
              expect(rowsAfter - rowsBefore, `rows written by ${what}`).toBe(1);
              expect(rrnsAfter - rrnsBefore, `RRNs spent by ${what}`).toBe(1);
              const body = JSON.parse(res.body.toString('utf8')) as { id?: string; transactionId?: string };
              const id = body.id ?? body.transactionId;
              if (id !== undefined) created.push(id);
            } else {
              expect(rowsAfter - rowsBefore, `rows written by ${what}`).toBe(0);
              expect(rrnsAfter - rrnsBefore, `RRNs spent by ${what}`).toBe(0);
            }
            if (!request.valid) expect(res.status, what).toBeGreaterThanOrEqual(400);
            if (request.valid && !request.creates) expect([200, 404, 409], what).toContain(res.status);
          }),
          { seed, numRuns: runs, verbose: 1 },
        );
        // The run exercised both sides of the contract.
        expect(created.length).toBeGreaterThan(0);
      },
      Math.max(60_000, runs * 400),
    );
  });
}

/** The request as sent: `{id}` filled with a transaction created earlier in the run, or a well-formed unknown one. */
function resolve(request: FuzzRequest, created: string[]): FuzzRequest {
  if (request.idChoice === undefined) return request;
  const { known, index, fallback } = request.idChoice;
  const id = known && created.length > 0 ? created[index % created.length]! : fallback;
  return { ...request, target: request.target.replace('{id}', id) };
}
