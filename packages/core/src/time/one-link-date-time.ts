/** Pakistan Standard Time is UTC+05:00 all year (no DST); 1LINK date-times are PKT without an offset. */
export const PKT_OFFSET_MS = 5 * 60 * 60_000;
export const ONELINK_DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** `yyyy-MM-ddTHH:mm:ss` in PKT, as 1LINK expects. */
export function formatOneLinkDateTime(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + PKT_OFFSET_MS).toISOString().slice(0, 19);
}

/** Parses `yyyy-MM-ddTHH:mm:ss` (PKT) to epoch ms; undefined if malformed or not a real calendar time. */
export function parseOneLinkDateTime(text: string): number | undefined {
  const m = ONELINK_DATE_TIME_PATTERN.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches it.
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return utc - PKT_OFFSET_MS;
}
