import { Writable } from 'node:stream';

/** Log lines a logger wrote, for asserting what reached the log (and what was redacted). */
export interface LogCapture {
  /** A pino destination (and any Writable sink): give it to the logger factory. */
  readonly destination: Writable;
  /** Every line as written. */
  readonly lines: string[];
  /** The lines parsed as JSON (pino's format); a line that is not JSON fails the call. */
  entries(): Record<string, unknown>[];
  /** Everything written, joined: for "this text never appears" assertions. */
  text(): string;
}

/** A destination that keeps what is written in memory; writes are synchronous, so nothing is lost. */
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return {
    destination,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}
