// The transactions list: filters, keyset pages newest first, CSV of the filtered range.
import { $, ATTENTION, api, el, notice, problemText } from './console-common.js';
import { formatPkr, pktTime } from './format.js';

const PAGE_SIZE = 50;

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

export function startList() {
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
