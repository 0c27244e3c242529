import { randomBytes } from 'node:crypto';
import { PKT_OFFSET_MS } from '@onelink-kit/core';

const DAY_MS = 24 * 60 * 60_000;

/** The Pakistan (PKT) calendar day of an instant, as a day number: 1LINK's RRN uniqueness is per day. */
export function pktDayOf(now: number): number {
  return Math.floor((now + PKT_OFFSET_MS) / DAY_MS);
}

export interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export interface Invoice {
  invoiceNo: string;
  merchantId: string;
  merchantTxnId: string;
  amount: string;
  paymentLink: string;
  expiryDateTime: string | undefined;
  cancelled: boolean;
}

/**
 * What the simulator remembers between requests: issued tokens, RRNs and SNAP external ids used
 * today, the rate-limit window per client, and the Link Based Payments invoices. One per running
 * simulator; `POST /__sim/reset` empties it (back to the invoices seeded from the fixtures).
 */
export class SimState {
  readonly tokens = new Map<string, IssuedToken>();
  /** `${clientId}|${pktDay}|${rrn}` of every QR request that got past validation. */
  readonly rrns = new Set<string>();
  /** `${partnerId}|${pktDay}|${externalId}` of every SNAP request that got past validation. */
  readonly externalIds = new Set<string>();
  /** Requests per client id in the current one-second window. */
  readonly windows = new Map<string, { second: number; count: number }>();
  readonly invoices = new Map<string, Invoice>();
  #invoiceSeq = 0;

  constructor(private readonly seed: (state: SimState) => void = () => {}) {
    seed(this);
  }

  issueToken(clientId: string, ttlMs: number, now: number): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: now + ttlMs });
    return token;
  }

  /** Why a presented token is refused, in words; undefined when it is live and the client's own. */
  tokenProblem(token: string, clientId: string, now: number): string | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return 'token unknown (not issued by this simulator, or before a reset)';
    if (issued.expiresAt <= now) return 'token expired';
    if (issued.clientId !== clientId) return 'token issued to another client id';
    return undefined;
  }

  /** Counts a request of `clientId`; returns the seconds to wait when it is over `limit` this second. */
  overRate(clientId: string, limit: number, now: number): number | undefined {
    const second = Math.floor(now / 1000);
    const window = this.windows.get(clientId);
    if (!window || window.second !== second) {
      this.windows.set(clientId, { second, count: 1 });
      return 1 > limit ? 1 : undefined;
    }
    window.count += 1;
    return window.count > limit ? 1 : undefined;
  }

  /** Records an RRN of `clientId` for today; false when it was already used today. */
  useRrn(clientId: string, rrn: string, now: number): boolean {
    const key = `${clientId}|${pktDayOf(now)}|${rrn}`;
    if (this.rrns.has(key)) return false;
    this.rrns.add(key);
    return true;
  }

  /** Records a SNAP X-EXTERNAL-ID of a partner for today; false when it was already used today. */
  useExternalId(partnerId: string, externalId: string, now: number): boolean {
    const key = `${partnerId}|${pktDayOf(now)}|${externalId}`;
    if (this.externalIds.has(key)) return false;
    this.externalIds.add(key);
    return true;
  }

  /** The next invoice number, after every seeded or created one (INV-0000043, …). */
  nextInvoiceNo(): string {
    for (;;) {
      const candidate = `INV-${String(++this.#invoiceSeq).padStart(7, '0')}`;
      if (!this.invoices.has(candidate)) return candidate;
    }
  }

  addInvoice(invoice: Invoice): void {
    this.invoices.set(invoice.invoiceNo, invoice);
    const n = /^INV-(\d+)$/.exec(invoice.invoiceNo)?.[1];
    if (n !== undefined) this.#invoiceSeq = Math.max(this.#invoiceSeq, Number(n));
  }

  reset(): void {
    this.tokens.clear();
    this.rrns.clear();
    this.externalIds.clear();
    this.windows.clear();
    this.invoices.clear();
    this.#invoiceSeq = 0;
    this.seed(this);
  }

  /** Every secret value the simulator handed out, for the journal's masking. */
  *secrets(): Iterable<string> {
    yield* this.tokens.keys();
  }
}
