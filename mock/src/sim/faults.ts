import type { ServerResponse } from 'node:http';
import type { SimAnswer } from './fixture-book.js';
import type { SimFault } from './prefer.js';

/** How long a `fault=timeout` request is held before the simulator lets the socket go. */
export const HELD_MS = 5 * 60_000;

/**
 * Sends an answer, or spoils it as asked. Every fault comes after the request was processed (the
 * token issued, the RRN used, the invoice made), as when an answer is lost on the way back, which is
 * the case a client must reconcile: `reset` drops the connection, `malformed` sends half of the JSON
 * with a 200, `timeout` never answers (the client's own timeout ends it).
 */
export function send(res: ServerResponse, answer: SimAnswer, fault: SimFault | undefined): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  if (fault === 'reset') {
    res.socket?.destroy();
    return;
  }
  if (fault === 'timeout') {
    const timer = setTimeout(() => res.socket?.destroy(), HELD_MS);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (fault === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
