// The operator console's one script: keeps the API key in sessionStorage, calls the gateway's API
// with it as the bearer header and fills the server-rendered shells (list, detail, create form).
// Text is always written with textContent, never parsed as HTML.
import { formatPkr, pktTime } from './format.js';

const KEY = 'onelink-kit.console.apiKey';
const PAGE_SIZE = 50;
const ATTENTION = {
  unknown:
    'Outcome unknown: 1LINK may have issued this QR. Do not create it again; reconcile by RRN with 1LINK, then settle or void.',
  mismatched:
    '1LINK answered with a QR that disagrees with the request: it was never shown to a payer. Reconcile by RRN with 1LINK and report the difference below.',
};
const TODO = {
  ...ATTENTION,
  pending:
    'Still waiting for 1LINK. If it stays pending, the gateway marks it unknown after its recovery grace period.',
  failed: 'Not issued by 1LINK (nothing to reconcile); create a new QR if still needed.',
  rejected: '1LINK refused the request (see its answer below); fix the field and create a new QR.',
};

const $ = (id) => document.getElementById(id);
const view = document.body.dataset.view;

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function apiKey() {
  return sessionStorage.getItem(KEY);
}

function notice(text, kind = 'info') {
  const n = $('notice');
  n.textContent = text;
  n.dataset.kind = kind;
}

async function api(path, init = {}) {
  const headers = {
    Accept: 'application/json',
    ...(init.headers ?? {}),
    Authorization: `Bearer ${apiKey()}`,
  };
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    showKeyForm('That key was refused (401). Enter a valid gateway API key.');
    throw new Error('unauthenticated');
  }
  return response;
}

async function problemText(response) {
  try {
    const body = await response.json();
    return `${body.title ?? response.status}: ${body.detail ?? ''}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function showKeyForm(message) {
  $('main').hidden = true;
  $('key-form').hidden = false;
  $('key-state').hidden = true;
  $('key-message').textContent = message ?? '';
  $('api-key').focus();
}

function showMain() {
  $('key-form').hidden = true;
  $('key-state').hidden = false;
  $('main').hidden = false;
}

// --- list -----------------------------------------------------------------------------------

/** PKT calendar day → RFC 3339 instant at its midnight (PKT is UTC+05:00 all year). */
function pktMidnight(day, plusDays = 0) {
  const date = new Date(`${day}T00:00:00+05:00`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}

function filterQuery() {
  const form = new FormData($('filters'));
  const query = new URLSearchParams();
  if (form.get('status')) query.set('status', form.get('status'));
  if (form.get('from')) query.set('from', pktMidnight(form.get('from')));
  if (form.get('to')) query.set('to', pktMidnight(form.get('to'), 1));
  return query;
}

const cursors = [undefined];
let pageIndex = 0;
let nextCursor = null;

async function loadPage() {
  const query = filterQuery();
  query.set('order', 'desc');
  query.set('limit', String(PAGE_SIZE));
  const cursor = cursors[pageIndex];
  if (cursor) query.set('cursor', cursor);
  const response = await api(`/v1/transactions?${query}`);
  if (!response.ok) {
    notice(await problemText(response), 'error');
    return;
  }
  const page = await response.json();
  nextCursor = page.nextCursor ?? null;
  renderRows(page.items);
  $('newer').disabled = pageIndex === 0;
  $('older').disabled = nextCursor === null;
  const shown = page.items.length;
  notice(
    shown === 0 ? 'No transactions match these filters.' : `Page ${pageIndex + 1}: ${shown} transactions.`,
  );
}

function renderRows(items) {
  const body = document.querySelector('#transactions tbody');
  body.replaceChildren();
  for (const item of items) {
    const row = el('tr', undefined, { 'data-id': item.id, 'data-status': item.status });
    if (ATTENTION[item.status]) row.className = 'attention';
    row.append(el('td', pktTime(item.createdAt)));
    const status = el('td');
    status.append(el('span', item.status, { class: `badge badge-${item.status}` }));
    if (ATTENTION[item.status]) status.append(el('span', ' reconcile by RRN', { class: 'todo-hint' }));
    row.append(status);
    row.append(el('td', formatPkr(item.amount), { class: 'num' }));
    const rrn = el('td');
    rrn.append(
      el('a', item.rrn, { href: `/console/transactions/${encodeURIComponent(item.id)}`, class: 'mono' }),
    );
    row.append(rrn);
    row.append(el('td', item.merchantId));
    row.append(el('td', item.caller));
    body.append(row);
  }
}

function restoreFilters() {
  const params = new URLSearchParams(location.search);
  for (const name of ['status', 'from', 'to']) {
    const value = params.get(name);
    if (value) $('filters').elements[name].value = value;
  }
}

function saveFilters() {
  const form = new FormData($('filters'));
  const params = new URLSearchParams();
  for (const [name, value] of form) if (value) params.set(name, value);
  history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
}

async function downloadCsv() {
  const query = filterQuery();
  query.set('format', 'csv');
  const response = await api(`/v1/transactions?${query}`, { headers: { Accept: 'text/csv' } });
  if (!response.ok) {
    notice(await problemText(response), 'error');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', undefined, {
    href: url,
    download: `transactions${query.get('status') ? `-${query.get('status')}` : ''}.csv`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  notice('CSV downloaded for the filtered range.');
}

function startList() {
  restoreFilters();
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    saveFilters();
    cursors.length = 1;
    pageIndex = 0;
    loadPage();
  });
  $('older').addEventListener('click', () => {
    if (nextCursor === null) return;
    cursors[pageIndex + 1] = nextCursor;
    pageIndex += 1;
    loadPage();
  });
  $('newer').addEventListener('click', () => {
    if (pageIndex === 0) return;
    pageIndex -= 1;
    loadPage();
  });
  $('csv').addEventListener('click', downloadCsv);
  loadPage();
}

// --- detail ---------------------------------------------------------------------------------

function fillList(dl, entries) {
  dl.replaceChildren();
  for (const [label, value] of entries) {
    if (value === undefined || value === null || value === '') continue;
    dl.append(el('dt', label), el('dd', value));
  }
}

const DECODED_LABELS = {
  merchantName: 'Merchant name [59]',
  merchantCity: 'City [60]',
  amount: 'Amount [54]',
  currency: 'Currency [53]',
  iban: 'IBAN [26.01]',
  bankBic: 'Bank BIC [26.02]',
  merchantId: 'Merchant ID [26.03]',
  merchantCategoryCode: 'MCC [52]',
  referenceLabel: 'RRN [62.05]',
  terminalLabel: 'Terminal [62.07]',
  loyaltyNumber: 'Loyalty number [62.04]',
  customerLabel: 'Customer label [62.06]',
  additionalConsumerDataRequest: 'Asks payer for [62.09]',
  expiresAt: 'Expires (PKT) [80.01]',
  pointOfInitiation: 'Point of initiation [01]',
  countryCode: 'Country [58]',
  crc: 'CRC [63]',
};

async function startDetail() {
  const id = document.body.dataset.id;
  const [qrResponse, rowResponse] = await Promise.all([
    api(`/v1/qr/${encodeURIComponent(id)}`),
    api(`/v1/transactions/${encodeURIComponent(id)}`),
  ]);
  if (!qrResponse.ok) {
    notice(await problemText(qrResponse), 'error');
    return;
  }
  const tx = await qrResponse.json();
  const row = rowResponse.ok ? await rowResponse.json() : undefined;
  document.querySelector('main h1').textContent = `Transaction ${tx.rrn}`;
  const todo = TODO[tx.status];
  if (todo) {
    const box = $('todo');
    box.hidden = false;
    box.className = ATTENTION[tx.status] ? 'todo attention' : 'todo';
    box.replaceChildren(el('strong', tx.status), el('span', ` — ${todo} RRN ${tx.rrn}, STAN ${tx.stan}.`));
  }
  fillList($('summary'), [
    ['Status', tx.status],
    ['Amount', formatPkr(tx.amount)],
    ['RRN', tx.rrn],
    ['STAN', tx.stan],
    ['Merchant', tx.merchantId],
    ['Kind', tx.kind],
    ['Caller', row?.caller],
    ['Reference', tx.reference],
    ['Created (PKT)', pktTime(tx.createdAt)],
    ['Expires (PKT)', tx.expiresAt.replace('T', ' ')],
    [
      '1LINK answer',
      tx.upstream
        ? `HTTP ${tx.upstream.httpStatus} ${tx.upstream.responseCode ?? ''} ${tx.upstream.responseDescription ?? ''}`
        : 'none',
    ],
  ]);
  const box = $('qr-image');
  if (tx.links.png) {
    const png = await api(tx.links.png.replace(/^https?:\/\/[^/]+/, ''));
    const img = el('img', undefined, { alt: `QR code for RRN ${tx.rrn}`, id: 'qr-img' });
    img.src = URL.createObjectURL(await png.blob());
    box.replaceChildren(img);
    if (tx.status === 'succeeded') {
      const pay = tx.links.pay;
      if (pay) {
        const p = el('p');
        p.append(el('a', "Payer's page", { href: pay.replace(/^https?:\/\/[^/]+/, '') }));
        box.append(p);
      }
    }
  } else {
    box.replaceChildren(
      el('p', tx.qr ? 'This QR is kept as evidence and never drawn.' : 'No QR was issued.'),
    );
  }
  if (tx.qr) {
    fillList(
      $('decoded'),
      Object.entries(tx.qr.decoded).map(([name, value]) => [DECODED_LABELS[name] ?? name, value]),
    );
    const check = $('check');
    if (tx.qr.check.ok) {
      check.replaceChildren(el('p', 'The QR matches the request.', { class: 'ok' }));
    } else {
      const table = el('table');
      table.append(el('caption', 'Fields that differ'));
      const head = el('tr');
      for (const h of ['Field', 'Tag', 'Expected', 'In the QR', 'Rule'])
        head.append(el('th', h, { scope: 'col' }));
      table.append(head);
      for (const m of tx.qr.check.mismatches) {
        const tr = el('tr');
        for (const v of [m.field, m.tag, m.expected, m.actual, m.rule]) tr.append(el('td', v ?? '—'));
        table.append(tr);
      }
      check.replaceChildren(table);
    }
  } else {
    $('decoded').replaceChildren(el('p', 'No QR.'));
    $('check').replaceChildren(el('p', 'Nothing to check.'));
  }
  $('request-json').textContent = row ? JSON.stringify(row.request, null, 2) : 'Not available.';
  $('answer-json').textContent = row ? JSON.stringify(row.upstreamResponse, null, 2) : 'Not available.';
  notice('');
}

// --- create ---------------------------------------------------------------------------------

function activeKind(form) {
  return form.elements.kind.value;
}

function switchKind(form) {
  const kind = activeKind(form);
  for (const set of form.querySelectorAll('fieldset[data-kind]')) {
    const on = set.dataset.kind === kind;
    set.hidden = !on;
    set.disabled = !on;
  }
}

function requestBody(form) {
  const body = {};
  for (const input of form.querySelectorAll('input[name]:not([type=radio])')) {
    if (input.closest('fieldset:disabled') || input.value.trim() === '') continue;
    const value =
      input.dataset.type === 'integer' && /^-?\d+$/.test(input.value) ? Number(input.value) : input.value;
    const path = input.name.split('.');
    let target = body;
    for (const part of path.slice(0, -1)) target = target[part] ??= {};
    target[path[path.length - 1]] = value;
  }
  return body;
}

function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  $('errors-summary').hidden = true;
}

/** Puts each of the API's `errors[]` next to its field (body.merchantDetails.iban → that input). */
function showErrors(form, problem) {
  const summary = $('errors-summary');
  const loose = [];
  let first;
  for (const issue of problem.errors ?? []) {
    const name = String(issue.field).replace(/^body\.?/, '');
    const slot = [...form.querySelectorAll('.field-error')].find(
      (p) => p.dataset.errorFor === name && !p.closest('fieldset:disabled'),
    );
    if (!slot) {
      loose.push(`${issue.field}: ${issue.message} (${issue.rule})`);
      continue;
    }
    slot.textContent = `${issue.message} (${issue.rule})`;
    const input = slot.parentElement.querySelector('input');
    input.setAttribute('aria-invalid', 'true');
    first ??= input;
  }
  summary.replaceChildren(el('p', `${problem.title}: ${problem.detail ?? ''}`));
  if (loose.length > 0) {
    const list = el('ul');
    for (const text of loose) list.append(el('li', text));
    summary.append(list);
  }
  summary.hidden = false;
  (first ?? summary).focus();
}

function startCreate() {
  const form = $('create-form');
  for (const radio of form.elements.kind) radio.addEventListener('change', () => switchKind(form));
  switchKind(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const kind = activeKind(form);
    const response = await api(`/v1/qr/${kind}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(requestBody(form)),
    });
    const body = await response.json();
    if (response.status === 201) {
      location.assign(`/console/transactions/${encodeURIComponent(body.id)}`);
      return;
    }
    showErrors(form, body);
  });
}

// --- start ----------------------------------------------------------------------------------

function start() {
  const run = { list: startList, detail: startDetail, create: startCreate }[view];
  Promise.resolve(run?.()).catch((error) => {
    // A refused key already brought the key form back.
    if (error.message !== 'unauthenticated') notice(`Could not load: ${error.message}`, 'error');
  });
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('api-key').value.trim());
  // A fresh page load starts the view once, with the new key.
  location.reload();
});
$('forget-key').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  location.reload();
});

if (apiKey()) {
  showMain();
  start();
} else {
  showKeyForm();
}
