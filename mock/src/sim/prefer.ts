/** Faults a request can ask for, after the simulator has processed it (as when an answer is lost). */
export const SIM_FAULTS = ['reset', 'malformed', 'timeout'] as const;
export type SimFault = (typeof SIM_FAULTS)[number];

/** The longest `Prefer: delay=` honoured, so a typo cannot hold a connection for hours. */
export const MAX_DELAY_MS = 60_000;

export interface Preference {
  /** `code=` : play back the recorded answer with this status (Prism's meaning). */
  code?: number;
  /** `example=` : play back the recorded scenario with this name (Prism's meaning). */
  example?: string;
  /** `delay=<ms>` : wait before answering. */
  delayMs?: number;
  fault?: SimFault;
  /** Parts that were not understood; the journal lists them. */
  ignored: string[];
}

/**
 * Reads a `Prefer` header (RFC 7240: comma-separated `token=value` pairs). Unknown or malformed parts
 * are ignored and listed, as Prism ignores preferences it does not know.
 */
export function parsePrefer(header: string | undefined): Preference {
  const out: Preference = { ignored: [] };
  if (!header) return out;
  for (const part of header.split(/[,;]/)) {
    const text = part.trim();
    if (text === '') continue;
    const eq = text.indexOf('=');
    const key = (eq === -1 ? text : text.slice(0, eq)).trim().toLowerCase();
    const value = (eq === -1 ? '' : text.slice(eq + 1)).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code' && /^[1-5]\d\d$/.test(value)) out.code = Number(value);
    else if (key === 'example' && /^[a-z0-9-]{1,80}$/.test(value)) out.example = value;
    else if (key === 'delay' && /^\d{1,9}$/.test(value)) out.delayMs = Math.min(Number(value), MAX_DELAY_MS);
    else if (key === 'fault' && (SIM_FAULTS as readonly string[]).includes(value))
      out.fault = value as SimFault;
    else out.ignored.push(text);
  }
  return out;
}
