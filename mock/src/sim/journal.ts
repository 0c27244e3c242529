import { redactHeaders, scrubDeep } from '@onelink-kit/core';

/** One request as the journal keeps it: credentials masked, nothing of a secret left. */
export interface JournalEntry {
  /** Increasing number of the request since start (or reset). */
  seq: number;
  at: string;
  spec: string;
  method: string;
  /** Path and query as sent. */
  target: string;
  operationId: string | undefined;
  headers: Record<string, string>;
  body: unknown;
  status: number | undefined;
  /** The answer's body (credentials masked); absent when a fault withheld it. */
  answer: unknown;
  /** The fixture the answer came from, e.g. `generateDQRCMerchant/duplicate-rrn`. */
  scenario: string | undefined;
  /** What the simulator decided, in words (e.g. "duplicate RRN", "token expired"). */
  note: string | undefined;
  fault: string | undefined;
  durationMs: number | undefined;
}

/**
 * The request journal behind `GET /__sim/requests`: the last `size` requests, oldest first. Headers
 * go through core's header redaction and bodies through its deep scrub, so client secrets, passwords,
 * tokens and every token the simulator issued are masked before anything is kept.
 */
export class Journal {
  readonly #entries: JournalEntry[] = [];
  #seq = 0;

  constructor(
    readonly size: number,
    private readonly secrets: () => Iterable<string>,
  ) {}

  add(
    entry: Omit<JournalEntry, 'seq' | 'headers' | 'body'> & {
      headers: Record<string, string>;
      body: unknown;
    },
  ) {
    const kept: JournalEntry = {
      ...entry,
      seq: ++this.#seq,
      headers: redactHeaders(entry.headers),
      body: scrubDeep(entry.body, this.secrets()),
      answer: scrubDeep(entry.answer, this.secrets()),
    };
    this.#entries.push(kept);
    if (this.#entries.length > this.size) this.#entries.splice(0, this.#entries.length - this.size);
    return kept;
  }

  /** Masks what was learnt only after the request was read (e.g. the token the answer carried). */
  list(): JournalEntry[] {
    const secrets = [...this.secrets()];
    return this.#entries.map((e) => ({
      ...e,
      body: scrubDeep(e.body, secrets),
      answer: scrubDeep(e.answer, secrets),
    }));
  }

  clear(): void {
    this.#entries.length = 0;
    this.#seq = 0;
  }
}
