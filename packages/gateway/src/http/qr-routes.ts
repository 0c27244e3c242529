import { renderPng, renderSvg } from '@onelink-kit/emvqr';
import { type Request, type Response, Router } from 'express';
import { type ProblemBody, ProblemError } from '../problems.js';
import type { CreateAggregatorQr, CreateMerchantQr, CreateResult, QrService } from '../qr/qr-service.js';
import { toQrView } from '../qr/qr-view.js';
import type { TransactionRecord, TransactionsStore } from '../storage/transactions-store.js';
import { findReadable } from './auth.js';

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
    res.json(toQrView(await findReadable(store, req.params.id as string, res), publicBaseUrl));
  });
  // Images carry the payer's QR: no-store like every /v1 answer (see security-headers.ts).
  router.get('/v1/qr/:id/image.png', async (req, res) => {
    const payload = qrPayload(await findReadable(store, req.params.id as string, res));
    const scale = Number(req.query.scale ?? 8);
    const png = await renderPng(payload, { scale });
    res.type('image/png').send(png);
  });
  router.get('/v1/qr/:id/image.svg', async (req, res) => {
    const payload = qrPayload(await findReadable(store, req.params.id as string, res));
    const svg = await renderSvg(payload);
    res.type('image/svg+xml').send(svg);
  });
  return router;
}

function context(req: Request, res: Response) {
  const key = req.get('idempotency-key');
  return {
    caller: String(res.locals.caller),
    idempotencyKey: key === undefined || key === '' ? undefined : key,
    requestId: typeof req.id === 'string' ? req.id : undefined,
  };
}

function send(res: Response, result: CreateResult): void {
  if (result.status >= 400) {
    // Problems are rendered by the error handler only, stored ones (upstream outcomes, replays) too.
    throw ProblemError.fromBody(result.body as ProblemBody, result.headers);
  }
  res.status(result.status).set(result.headers).json(result.body);
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
