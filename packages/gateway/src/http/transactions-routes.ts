import { once } from 'node:events';
import { type Response, Router } from 'express';
import type { Logger } from '../logger.js';
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
    const csv = req.query.format === 'csv';

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
  return router;
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
