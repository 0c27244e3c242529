import { ProblemError } from '../problems.js';

// RFC 3339 section 5.6: full-date "T" full-time, time-offset "Z" or ±HH:MM; T and Z may be lower case.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const RULE_MESSAGE =
  'must be an RFC 3339 date-time with Z or a ±HH:MM offset, e.g. 2026-11-22T00:00:00Z (send + as %2B)';

/**
 * A query instant (`from`, `to`) as the ISO-8601 UTC text the store compares with. The spec's
 * date-time format lets through what RFC 3339 does not mean (hour 24, 30 February, offsets +05 or
 * +24:00) and what JavaScript dates cannot hold (a leap second), so the instant is read here once:
 * each field within its range, the day within its month; a leap second (:60) is the instant one
 * second after :59, so `from`/`to` around it select the same rows as the next second. Fractions beyond
 * milliseconds are cut (stored times have milliseconds). Anything else is a 400 naming the field.
 */
export function instantFromQuery(field: string, value: string): string {
  const m = RFC3339.exec(value);
  const refuse = (): never => {
    throw new ProblemError('validation', `query.${field}: ${RULE_MESSAGE}`, {
      errors: [{ field: `query.${field}`, rule: 'date-time', message: RULE_MESSAGE }],
    });
  };
  if (m === null) return refuse();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  const sign = m[9] === '-' ? -1 : 1;
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  const inRange =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!inRange) return refuse();
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fraction);
  const utc = date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = new Date(utc);
  if (Number.isNaN(utc) || instant.getUTCFullYear() < 0 || instant.getUTCFullYear() > 9999) return refuse();
  return instant.toISOString();
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
