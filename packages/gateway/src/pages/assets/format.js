// The one home of how the pages write amounts and time left: loaded by the server for the payer's
// page and by the scripts in the browser, so both always agree.
//
// Pakistanis write rupee amounts with lakh and crore grouping ("Rs. 1,25,000.00"; 1,00,00,000 is
// one crore). ICU's en-PK locale groups by thousands (125,000.00), so the grouping is en-IN's, which
// is the South Asian pattern, with the "Rs." prefix used on Pakistani receipts and price tags.
const GROUPED = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: true,
});

/**
 * @param {number | string} amount whole rupees (the API's amount) or the QR's decimal text (tag 54)
 * @returns {string} e.g. "Rs. 1,25,000.00"
 */
export function formatPkr(amount) {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return `Rs. ${String(amount)}`;
  return `Rs. ${GROUPED.format(value)}`;
}

/**
 * @param {number} ms time left
 * @returns {string} m:ss, or h:mm:ss from an hour on
 */
export function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const PKT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Karachi',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * @param {string} iso an instant (the API's createdAt)
 * @returns {string} Pakistan time as "2026-11-22 10:15:00"
 */
export function pktTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(PKT.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
