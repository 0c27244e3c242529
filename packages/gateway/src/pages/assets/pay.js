// The payer's countdown. The server says how many milliseconds are left (data-remaining-ms), so a
// phone whose clock is wrong still counts correctly; at zero the QR is removed, not just hidden.
import { clock } from './format.js';

const left = Number(document.body.dataset.remainingMs);
const started = performance.now();
const timeLeft = document.getElementById('time-left');

function expire() {
  document.getElementById('qr')?.remove();
  document.getElementById('countdown')?.remove();
  document.getElementById('pay-hint')?.remove();
  document.getElementById('expired').hidden = false;
  document.title = 'Expired';
}

function tick() {
  const remaining = left - (performance.now() - started);
  if (remaining <= 0) {
    expire();
    return;
  }
  timeLeft.textContent = clock(remaining);
  // Wake at the next whole second, so the display never lags a second behind.
  setTimeout(tick, remaining % 1000 || 1000);
}

if (Number.isFinite(left) && timeLeft !== null) tick();
