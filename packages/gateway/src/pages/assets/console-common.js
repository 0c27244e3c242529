// What the console's views share: the key in sessionStorage, API calls with it as the bearer header,
// and small DOM helpers. Text is always written with textContent, never parsed as HTML.

export const KEY = 'onelink-kit.console.apiKey';
/** Statuses an operator must act on: the row is marked and says what to do. */
export const ATTENTION = {
  unknown:
    'Outcome unknown: 1LINK may have issued this QR. Do not create it again; reconcile by RRN with 1LINK, then settle or void.',
  mismatched:
    '1LINK answered with a QR that disagrees with the request: it was never shown to a payer. Reconcile by RRN with 1LINK and report the difference below.',
};
/** What to do about a transaction in each status that is not simply done. */
export const TODO = {
  ...ATTENTION,
  pending:
    'Still waiting for 1LINK. If it stays pending, the gateway marks it unknown after its recovery grace period.',
  failed: 'Not issued by 1LINK (nothing to reconcile); create a new QR if still needed.',
  rejected: '1LINK refused the request (see its answer below); fix the field and create a new QR.',
};

export const $ = (id) => document.getElementById(id);
export function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function notice(text, kind = 'info') {
  const n = $('notice');
  n.textContent = text;
  n.dataset.kind = kind;
}

export async function api(path, init = {}) {
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

export async function problemText(response) {
  try {
    const body = await response.json();
    return `${body.title ?? response.status}: ${body.detail ?? ''}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export function showKeyForm(message) {
  $('main').hidden = true;
  $('key-form').hidden = false;
  $('key-state').hidden = true;
  $('key-message').textContent = message ?? '';
  $('api-key').focus();
}

export function showMain() {
  $('key-form').hidden = true;
  $('key-state').hidden = false;
  $('main').hidden = false;
}
