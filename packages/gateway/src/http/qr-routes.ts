import { renderPng, renderSvg } from '@onelink-kit/emvqr';
import { type Request, type Response, Router } from 'express';
import { type ProblemBody, ProblemError } from '../problems.js';
import type { CreateAggregatorQr, CreateMerchantQr, CreateResult, QrService } from '../qr/qr-service.js';
import { toQrView } from '../qr/qr-view.js';
import type { TransactionRecord, TransactionsStore } from '../storage/transactions-store.js';

export function qrRoutes(deps: {
  service: QrService;
  store: TransactionsStore;
  publicBaseUrl: string;
}): Router {
  const { service, store, publicBaseUrl } = deps;
  const router = Router();

  router.post('/v1/qr/merchant', async (req, res) => {
    send(res, await service.create('merchant', req.body as CreateMerchantQr, context(req, res)));
  });
  router.post('/v1/qr/aggregator', async (req, res) => {
    send(res, await service.create('aggregator', req.body as CreateAggregatorQr, context(req, res)));
  });

  router.get('/v1/qr/:id', async (req, res) => {
    res.json(toQrView(await find(store, req.params.id as string), publicBaseUrl));
  });
  router.get('/v1/qr/:id/image.png', async (req, res) => {
    const payload = qrPayload(await find(store, req.params.id as string));
    const scale = Number(req.query.scale ?? 8);
    const png = await renderPng(payload, { scale });
    // A transaction's QR never changes, so the image may be cached by the caller.
    res.set('Cache-Control', 'private, max-age=86400, immutable').type('image/png').send(png);
  });
  router.get('/v1/qr/:id/image.svg', async (req, res) => {
    const payload = qrPayload(await find(store, req.params.id as string));
    const svg = await renderSvg(payload);
    res.set('Cache-Control', 'private, max-age=86400, immutable').type('image/svg+xml').send(svg);
  });
  return router;
}

function context(req: Request, res: Response) {
  const key = req.get('idempotency-key');
  return {
    caller: String(res.locals.caller),
    idempotencyKey: key === undefined || key === '' ? undefined : key,
    requestId: typeof req.id === 'string' ? req.id : undefined,
    logger: req.log,
  };
}

function send(res: Response, result: CreateResult): void {
  if (result.status >= 400) {
    // Problems are rendered by the error handler only, stored ones (upstream outcomes, replays) too.
    throw ProblemError.fromBody(result.body as ProblemBody, result.headers);
  }
  res.status(result.status).set(result.headers).json(result.body);
}

async function find(store: TransactionsStore, id: string): Promise<TransactionRecord> {
  const row = await store.findById(id);
  if (row === undefined) throw new ProblemError('not-found', `No transaction ${id}.`);
  return row;
}

function qrPayload(row: TransactionRecord): string {
  // Only a QR that matched the request is ever drawn: a `mismatched` row keeps 1LINK's payload for
  // reconciliation, never for a payer.
  if (row.status !== 'succeeded' || row.qrString === null || row.qrDecoded === null) {
    const why =
      row.status === 'mismatched'
        ? ': its QR disagrees with the request or cannot be read, so it is never shown'
        : '';
    throw new ProblemError('qr-not-available', `Transaction ${row.id} is ${row.status}${why}.`, {
      transactionId: row.id,
      transactionStatus: row.status,
    });
  }
  return row.qrString;
}
