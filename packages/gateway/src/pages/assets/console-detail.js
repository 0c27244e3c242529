// One transaction: summary, what to do, the QR (fetched with the key, shown from a blob: URL),
// decoded fields, the check, and the stored request and 1LINK answer.
import { $, ATTENTION, api, el, notice, problemText, TODO } from './console-common.js';
import { formatPkr, pktTime } from './format.js';

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

export async function startDetail() {
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
