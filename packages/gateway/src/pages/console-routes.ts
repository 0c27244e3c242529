import { Router } from 'express';
import { TRANSACTION_STATUSES } from '../storage/transactions-store.js';
import { escapeHtml, layout } from './html.js';
import { pageHeaders } from './page-security.js';

/**
 * The operator console: server-rendered shells, filled by one small script (assets/console.js) that
 * calls the gateway's own API with the key the operator typed. The key lives in sessionStorage only
 * (gone when the tab closes) and travels as the bearer header, never in a URL or a cookie.
 */
export function consoleRoutes(): Router {
  const router = Router();
  const headers = pageHeaders();
  router.get('/console', headers, (_req, res) => {
    res.type('html').send(shell('Transactions', 'list', {}, listBody()));
  });
  router.get('/console/new', headers, (_req, res) => {
    res.type('html').send(shell('New QR', 'create', {}, createBody()));
  });
  router.get('/console/transactions/:id', headers, (req, res) => {
    const id = String(req.params.id);
    res.type('html').send(shell('Transaction', 'detail', { id }, detailBody(id)));
  });
  return router;
}

function shell(title: string, view: string, data: Record<string, string>, main: string): string {
  return layout({
    title: `${title} — onelink-kit console`,
    scripts: ['console.js'],
    data: { view, ...data },
    body: `<header class="top">
<p class="brand">onelink-kit console</p>
<nav aria-label="Console"><a href="/console">Transactions</a> <a href="/console/new">New QR</a> <a href="/docs">API reference</a></nav>
</header>
<section id="key-panel" class="key-panel" aria-labelledby="key-title">
<h2 id="key-title" class="visually-hidden">API key</h2>
<form id="key-form">
<label for="api-key">Gateway API key</label>
<input id="api-key" name="apiKey" type="password" autocomplete="off" spellcheck="false" required>
<button type="submit">Use key</button>
<p id="key-message" class="error" role="alert"></p>
<p class="hint">Kept in this tab only (sessionStorage) and sent as the bearer header. An admin key sees every caller's rows.</p>
</form>
<p id="key-state" hidden>Using a key for this tab. <button type="button" id="forget-key">Forget key</button></p>
</section>
<main id="main" hidden>
<h1>${escapeHtml(title)}</h1>
<p id="notice" class="notice" role="status"></p>
${main}
</main>`,
  });
}

function listBody(): string {
  const options = TRANSACTION_STATUSES.map((s) => `<option value="${s}">${s}</option>`).join('');
  return `<form id="filters" class="filters">
<div class="field"><label for="f-status">Status</label>
<select id="f-status" name="status"><option value="">any</option>${options}</select></div>
<div class="field"><label for="f-from">From (PKT day)</label><input id="f-from" name="from" type="date"></div>
<div class="field"><label for="f-to">To (PKT day, included)</label><input id="f-to" name="to" type="date"></div>
<button type="submit">Apply filters</button>
<button type="button" id="csv">Download CSV</button>
</form>
<div class="table-wrap">
<table id="transactions">
<caption>Newest first, 50 a page</caption>
<thead><tr><th scope="col">Created (PKT)</th><th scope="col">Status</th><th scope="col" class="num">Amount</th><th scope="col">RRN</th><th scope="col">Merchant</th><th scope="col">Caller</th></tr></thead>
<tbody></tbody>
</table>
</div>
<nav class="pager" aria-label="Pages">
<button type="button" id="newer" disabled>Newer</button>
<button type="button" id="older" disabled>Older</button>
</nav>`;
}

function detailBody(id: string): string {
  return `<p class="mono">${escapeHtml(id)}</p>
<div id="todo" class="todo" hidden></div>
<div class="detail">
<section aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2><dl id="summary"></dl></section>
<section aria-labelledby="qr-title"><h2 id="qr-title">QR</h2><div id="qr-image" class="qr-box"></div></section>
</div>
<section aria-labelledby="decoded-title"><h2 id="decoded-title">Decoded QR fields</h2><dl id="decoded"></dl></section>
<section aria-labelledby="check-title"><h2 id="check-title">Check against the request</h2><div id="check"></div></section>
<section aria-labelledby="request-title"><h2 id="request-title">Request sent to 1LINK</h2><pre id="request-json" class="json" tabindex="0"></pre></section>
<section aria-labelledby="answer-title"><h2 id="answer-title">1LINK's answer</h2><pre id="answer-json" class="json" tabindex="0"></pre></section>`;
}

interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'integer';
  value?: string;
  hint?: string;
  required?: boolean;
}

function field(prefix: string, spec: FieldSpec): string {
  const id = `${prefix}-${spec.name.replace(/\./g, '-')}`;
  const hint = spec.hint === undefined ? '' : `<p class="hint" id="${id}-hint">${escapeHtml(spec.hint)}</p>`;
  const describedBy = [spec.hint === undefined ? '' : `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  const type =
    spec.type === 'integer'
      ? ' type="number" inputmode="numeric" step="1" data-type="integer"'
      : ' type="text"';
  const value = spec.value === undefined ? '' : ` value="${escapeHtml(spec.value)}"`;
  return `<div class="field">
<label for="${id}">${escapeHtml(spec.label)}${spec.required ? '' : ' (optional)'}</label>
<input id="${id}" name="${escapeHtml(spec.name)}"${type}${value} aria-describedby="${describedBy}" autocomplete="off">
${hint}<p class="field-error" id="${id}-error" data-error-for="${escapeHtml(spec.name)}"></p>
</div>`;
}

const MERCHANT_FIELDS: FieldSpec[] = [
  { name: 'merchantDetails.dbaName', label: 'Trading name (dbaName)', required: true },
  { name: 'merchantDetails.merchantName', label: 'Merchant name', required: true },
  {
    name: 'merchantDetails.iban',
    label: 'IBAN',
    hint: '24 characters, e.g. PK36SCBL0000001123456702',
    required: true,
  },
  { name: 'merchantDetails.bankBic', label: 'Bank BIC', hint: 'e.g. SCBLPK', required: true },
  {
    name: 'merchantDetails.merchantCategoryCode',
    label: 'Merchant category code',
    hint: '4 digits, e.g. 5812',
    required: true,
  },
  { name: 'merchantDetails.merchantID', label: 'Merchant ID', required: true },
  { name: 'merchantDetails.postalAddress.townName', label: 'Town' },
  { name: 'merchantDetails.postalAddress.addressLine', label: 'Address line' },
  { name: 'merchantDetails.postalAddress.subDept', label: 'Terminal (subDept)' },
];

const AGGREGATOR_FIELDS: FieldSpec[] = [
  { name: 'merchantDetails.merchantID', label: 'Merchant ID registered with 1LINK', required: true },
  { name: 'merchantDetails.subDept', label: 'Terminal (subDept)', required: true },
  { name: 'contactDetails.merchantChannelId', label: 'Channel id' },
];

const PAYMENT_FIELDS: FieldSpec[] = [
  { name: 'amount', label: 'Amount (whole PKR)', type: 'integer', required: true },
  {
    name: 'expiresInSeconds',
    label: 'Expires in (seconds)',
    type: 'integer',
    value: '900',
    hint: '120 to 86400',
    required: true,
  },
  { name: 'reference', label: 'Your reference' },
];

function createBody(): string {
  return `<form id="create-form" novalidate>
<div id="errors-summary" class="errors-summary" role="alert" tabindex="-1" hidden></div>
<fieldset class="kind"><legend>QR for</legend>
<label><input type="radio" name="kind" value="merchant" checked> a merchant (full details)</label>
<label><input type="radio" name="kind" value="aggregator"> an aggregator's registered merchant</label>
</fieldset>
<fieldset id="merchant-fields" data-kind="merchant"><legend>Merchant</legend>
${MERCHANT_FIELDS.map((f) => field('m', f)).join('\n')}
</fieldset>
<fieldset id="aggregator-fields" data-kind="aggregator" disabled hidden><legend>Aggregator merchant</legend>
${AGGREGATOR_FIELDS.map((f) => field('a', f)).join('\n')}
</fieldset>
<fieldset><legend>Payment</legend>
${PAYMENT_FIELDS.map((f) => field('p', f)).join('\n')}
</fieldset>
<button type="submit">Create QR</button>
</form>`;
}
