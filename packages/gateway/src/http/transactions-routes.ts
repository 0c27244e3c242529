import { once } from 'node:events';
import { type Response, Router } from 'express';
import type { Logger } from '../logger.js';
import { ProblemError } from '../problems.js';
import { CSV_COLUMNS, csvRow, toExport } from '../qr/qr-view.js';
import type { ListFilter, TransactionStatus, TransactionsStore } from '../storage/transactions-store.js';

/**
 * The reconciliation export, streamed: rows come from the store in keyset-paged batches and are
 * written as they arrive, honouring back-pressure, so memory stays flat for any size.
 */
export function transactionsRoutes(deps: { store: TransactionsStore; logger: Logger }): Router {
  const router = Router();
  router.get('/v1/transactions', async (req, res) => {
    const filter: ListFilter = {};
    // Stored times are ISO-8601 UTC; normalising the bounds makes text comparison exact.
    if (typeof req.query.from === 'string') filter.from = new Date(req.query.from).toISOString();
    if (typeof req.query.to === 'string') filter.to = new Date(req.query.to).toISOString();
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
      const cursor = typeof req.query.cursor === 'string' ? Number.parseInt(req.query.cursor, 36) : undefined;
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
    const row = await deps.store.findById(req.params.id as string);
    if (row === undefined) throw new ProblemError('not-found', `No transaction ${req.params.id}.`);
    res.json(toExport(row));
  });
  return router;
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
