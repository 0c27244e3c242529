// The operator console's entry: the key form, then the view the server rendered (data-view).
import { $, apiKey, KEY, notice, showKeyForm, showMain } from './console-common.js';
import { startCreate } from './console-create.js';
import { startDetail } from './console-detail.js';
import { startList } from './console-list.js';

const view = document.body.dataset.view;

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
