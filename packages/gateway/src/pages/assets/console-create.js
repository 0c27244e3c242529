// The create form: posts the fields as the API's JSON and puts its field errors next to the fields.
import { $, api, el } from './console-common.js';

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

export function startCreate() {
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
