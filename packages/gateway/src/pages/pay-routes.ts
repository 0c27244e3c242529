import { parseOneLinkDateTime } from '@onelink-kit/core';
import { renderSvg } from '@onelink-kit/emvqr';
import { Router } from 'express';
import type { TransactionRecord, TransactionsStore } from '../storage/transactions-store.js';
import { loadPageFormat } from './assets.js';
import { escapeHtml, layout } from './html.js';
import { pageHeaders } from './page-security.js';

/** Transaction ids are `qr_` + 128 random bits in hex (qr/qr-service.ts): unguessable, like a checkout link. */
export const PAY_ID = /^qr_[0-9a-f]{32}$/;

/** The fields of the QR the payer's page shows: only what the QR itself carries. */
interface PayerQr {
  payload: string;
  merchantName: string;
  /** Tag 54, e.g. "310.00". */
  amount: string;
  expiresAtMs: number;
}

/** A QR the payer may be shown: issued, matching the request, readable, with its expiry. */
export function payerQr(row: TransactionRecord): PayerQr | undefined {
  if (row.status !== 'succeeded' || row.qrString === null) return undefined;
  const decoded = (row.qrDecoded ?? {}) as { merchantName?: unknown; amount?: unknown; expiresAt?: unknown };
  // The expiry the QR carries (tag 80); the stored one is what the QR check compared it with.
  const expiry = typeof decoded.expiresAt === 'string' ? decoded.expiresAt : row.expiryDateTime;
  const expiresAtMs = parseOneLinkDateTime(expiry);
  if (
    typeof decoded.merchantName !== 'string' ||
    typeof decoded.amount !== 'string' ||
    expiresAtMs === undefined
  ) {
    return undefined;
  }
  return { payload: row.qrString, merchantName: decoded.merchantName, amount: decoded.amount, expiresAtMs };
}

function message(title: string, text: string): string {
  return layout({
    title,
    body: `<main class="pay"><h1>${escapeHtml(title)}</h1><p class="pay-message" role="status">${escapeHtml(text)}</p></main>`,
  });
}

/**
 * The payer's page: no key (the id is the secret), a large QR, the amount, the merchant's name and a
 * countdown; the script swaps the QR for "expired" when the time is up. Rows that may not be paid
 * (mismatched, failed, unknown, rejected) never show a QR.
 */
export function payRoutes(deps: { store: TransactionsStore; now: () => number }): Router {
  const router = Router();
  router.get('/pay/:id', pageHeaders(), async (req, res) => {
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    const id = String(req.params.id);
    const row = PAY_ID.test(id) ? await deps.store.findById(id) : undefined;
    if (row === undefined) {
      res
        .status(404)
        .type('html')
        .send(message('Payment not found', 'Check the link, or ask the merchant for a new one.'));
      return;
    }
    if (row.status === 'pending') {
      res
        .type('html')
        .send(message('Not ready yet', 'This payment request is still being prepared. Reload in a moment.'));
      return;
    }
    const qr = payerQr(row);
    if (qr === undefined) {
      res
        .type('html')
        .send(
          message('Not available', 'This payment request cannot be paid. Ask the merchant for a new one.'),
        );
      return;
    }
    const remainingMs = qr.expiresAtMs - deps.now();
    if (remainingMs <= 0) {
      res.type('html').send(message('Expired', 'This QR has expired. Ask the merchant for a new one.'));
      return;
    }
    const { formatPkr, clock } = await loadPageFormat();
    const amount = formatPkr(qr.amount);
    const svg = await renderSvg(qr.payload, { margin: 4 });
    res.type('html').send(
      layout({
        title: `Pay ${amount} to ${qr.merchantName}`,
        scripts: ['pay.js'],
        data: { remainingMs: String(remainingMs) },
        body: `<main class="pay" aria-labelledby="merchant">
<h1 id="merchant">${escapeHtml(qr.merchantName)}</h1>
<p class="amount" id="amount">${escapeHtml(amount)}</p>
<div class="qr" id="qr" role="img" aria-label="${escapeHtml(`QR code to pay ${amount} to ${qr.merchantName}`)}">${svg}</div>
<p class="countdown" id="countdown">Expires in <span id="time-left" role="timer">${escapeHtml(clock(remainingMs))}</span></p>
<p class="expired" id="expired" role="alert" hidden>Expired: ask the merchant for a new QR.</p>
<p class="hint" id="pay-hint">Scan with your bank's app to pay by Raast.</p>
</main>`,
      }),
    );
  });
  return router;
}
