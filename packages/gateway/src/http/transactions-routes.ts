import { once } from 'node:events';
import { type Response, Router } from 'express';
import { listScope } from '../callers.js';
import type { Logger } from '../logger.js';
import { ProblemError } from '../problems.js';
import { CSV_COLUMNS, csvRow, toExport } from '../qr/qr-view.js';
import type { ListFilter, TransactionStatus, TransactionsStore } from '../storage/transactions-store.js';
import { callerOf, findReadable } from './auth.js';
import { instantFromQuery } from './date-query.js';

/**
 * The reconciliation export, streamed: rows come from the store in keyset-paged batches and are
 * written as they arrive, honouring back-pressure, so memory stays flat for any size.
 */
export function transactionsRoutes(deps: { store: TransactionsStore; logger: Logger }): Router {
  const router = Router();
  router.get('/v1/transactions', async (req, res) => {
    // A caller exports its own rows; an admin key, every caller's.
    const scope = listScope(callerOf(res));
    const filter: ListFilter = scope === undefined ? {} : { caller: scope };
    // Stored times are ISO-8601 UTC; normalising the bounds makes text comparison exact.
    if (typeof req.query.from === 'string') filter.from = instantFromQuery('from', req.query.from);
    if (typeof req.query.to === 'string') filter.to = instantFromQuery('to', req.query.to);
    if (typeof req.query.status === 'string') filter.status = req.query.status as TransactionStatus;
    if (req.query.order === 'desc') filter.order = 'desc';
    const csv = req.query.format === 'csv';
    if (req.query.limit !== undefined || req.query.cursor !== undefined) {
      if (csv) {
        const field = req.query.limit === undefined ? 'query.cursor' : 'query.limit';
        throw new ProblemError(
          'validation',
          `${field}: pages the JSON answer only; the CSV is the whole range.`,
          {
            errors: [
              { field, rule: 'json-only', message: 'pages the JSON answer only; the CSV is the whole range' },
            ],
          },
        );
      }
      // The cursor is the last row's sequence number in base 36: opaque to callers, checked by the spec's pattern.
      const cursor = typeof req.query.cursor === 'string' ? cursorValue(req.query.cursor) : undefined;
      const page = await deps.store.page(filter, {
        limit: Number(req.query.limit ?? 100),
        ...(cursor === undefined ? {} : { after: cursor }),
      });
      res.json({
        items: page.rows.map(toExport),
        nextCursor: page.next === undefined ? null : page.next.toString(36),
      });
      return;
    }

    res.status(200);
    if (csv) {
      res.type('text/csv; charset=utf-8');
      res.set('Content-Disposition', 'attachment; filename="transactions.csv"');
    } else {
      res.type('application/json');
    }
    let aborted = false;
    res.on('close', () => {
      aborted = !res.writableFinished;
    });
    await write(res, csv ? `${CSV_COLUMNS.join(',')}\r\n` : '{"items":[');
    let first = true;
    for await (const row of deps.store.list(filter)) {
      if (aborted) {
        deps.logger.info({ requestId: req.id }, 'export aborted by the client');
        return;
      }
      const item = toExport(row);
      await write(res, csv ? csvRow(item) : `${first ? '' : ','}${JSON.stringify(item)}`);
      first = false;
    }
    res.end(csv ? '' : ']}');
  });
  router.get('/v1/transactions/:id', async (req, res) => {
    const row = await findReadable(deps.store, req.params.id as string, res);
    res.json(toExport(row));
  });
  return router;
}

/**
 * Row sequence numbers are 32-bit integers on both databases. A cursor beyond them (the spec's pattern
 * allows 16 base-36 digits) selects what it says, nothing after it ascending, everything before it
 * descending, which the largest sequence number selects too, without overflowing the database's integer.
 */
const MAX_SEQ = 2_147_483_647;

function cursorValue(text: string): number {
  return Math.min(Number.parseInt(text, 36), MAX_SEQ);
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
