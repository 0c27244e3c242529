import type { ValidationIssue } from '@onelink-kit/core';

/**
 * Rules of the Get OAuth Code request that the spec cannot enforce (or states only as an annotation).
 * Pure functions: each returns every issue it finds, naming the field and the rule.
 */

export interface SeamlessData {
  mobileNumber?: string;
  userId?: string;
  bankCode?: string;
}

export interface AdditionalInfo {
  additionalInfo1?: string;
  additionalInfo2?: string;
  additionalInfo3?: string;
}

/** seamlessData: "no parameter is mandatory ... but at least mobileNumber or userId must be provided". */
export function seamlessDataIssues(data: SeamlessData | undefined): ValidationIssue[] {
  if (data === undefined || data === null || typeof data !== 'object') {
    return [{ field: 'seamlessData', rule: 'required', message: 'is required (an object)' }];
  }
  const hasMobile = typeof data.mobileNumber === 'string' && data.mobileNumber !== '';
  const hasUser = typeof data.userId === 'string' && data.userId !== '';
  if (!hasMobile && !hasUser) {
    return [
      {
        field: 'seamlessData',
        rule: 'mobileNumber-or-userId',
        message: 'needs at least mobileNumber or userId',
      },
    ];
  }
  return [];
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * X-TIMESTAMP: `yyyy-MM-ddTHH:mm:ss[.SSS]TZD`, 24-27 characters (the spec's pattern and lengths), and
 * a real instant: month 1-12, a day that exists in that month, hour < 24, zone offset at most ±14:00.
 */
export function timestampIssues(value: string): ValidationIssue[] {
  const field = 'X-TIMESTAMP';
  const m = TIMESTAMP.exec(value);
  if (!m) {
    return [{ field, rule: 'format', message: 'must be yyyy-MM-ddTHH:mm:ss[.SSS] followed by Z or ±hh:mm' }];
  }
  const issues: ValidationIssue[] = [];
  if (value.length < 24 || value.length > 27) {
    issues.push({ field, rule: 'length', message: `must be 24-27 characters (is ${value.length})` });
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) {
    issues.push({ field, rule: 'real-date-time', message: 'is not a real calendar date and time' });
  }
  if (m[9] !== undefined && (Number(m[10]) * 60 + Number(m[11]) > 14 * 60 || Number(m[11]) > 59)) {
    issues.push({ field, rule: 'zone-offset', message: 'zone offset must be within ±14:00' });
  }
  return issues;
}

/**
 * Formats an instant as X-TIMESTAMP `yyyy-MM-ddTHH:mm:ss±hh:mm` (25 characters) in the given zone.
 * The default offset is +07:00, the zone SNAP providers document their examples in.
 */
export function formatSnapTimestamp(at: Date, utcOffsetMinutes = 7 * 60): string {
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    throw new RangeError('utcOffsetMinutes must be an integer within ±840');
  }
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return (
    `${p(local.getUTCFullYear(), 4)}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}` +
    `T${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}` +
    `${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}

/**
 * X-EXTERNAL-ID must be unique within a flow. One client instance is one flow: it remembers the ids it
 * has sent (the most recent `capacity`, oldest forgotten first) and refuses a repeat before sending.
 */
export class ExternalIdRegistry {
  readonly #seen = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  issues(externalId: string): ValidationIssue[] {
    return this.#seen.has(externalId)
      ? [{ field: 'X-EXTERNAL-ID', rule: 'unique-in-flow', message: 'was already sent in this flow' }]
      : [];
  }

  /** Records an id as sent. */
  claim(externalId: string): void {
    this.#seen.add(externalId);
    if (this.#seen.size > this.#capacity) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
  }

  has(externalId: string): boolean {
    return this.#seen.has(externalId);
  }
}
