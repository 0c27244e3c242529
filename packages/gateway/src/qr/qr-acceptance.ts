import type { QrFieldMismatch } from '../problems.js';
import type { QrCheckResult, QrMismatch } from './qr-decode.js';

/**
 * The QR tags a payer pays by: the amount (54), the account credited (26.01 IBAN, 26.03 merchant
 * account), the name the payer sees (59) and the reference 1LINK settles by (62.05, the RRN). A QR
 * that disagrees with the request on any of them is never shown; other differences (city, terminal,
 * payer labels, expiry) are stored and reported with a QR that is shown.
 */
export const BLOCKING_TAGS: readonly string[] = ['54', '26.01', '26.03', '59', '62.05'];

/** The reference tag a replaying mock cannot match (see acceptance options). */
const REFERENCE_TAG = '62.05';

export interface QrAcceptanceOptions {
  /**
   * The upstream is the gateway's default local mock, which answers every request with one recorded
   * QR whose RRN is the recording's: the reference difference is then reported, not refused. Never
   * set for a configured upstream (ONELINK_BASE_URL), real 1LINK or not.
   */
  mockUpstream?: boolean;
}

/**
 * What stops this QR from being shown: every problem when it could not be read (no QR, bad CRC,
 * broken structure), else the mismatches on blocking tags. Empty: the QR may be shown.
 */
export function refusedMismatches(
  checked: QrCheckResult,
  options: QrAcceptanceOptions = {},
): QrFieldMismatch[] {
  const { decoded, check } = checked;
  const refused =
    decoded === undefined
      ? check.mismatches
      : check.mismatches.filter(
          (m) => BLOCKING_TAGS.includes(m.tag) && !(options.mockUpstream && m.tag === REFERENCE_TAG),
        );
  return refused.map(toFieldMismatch);
}

function toFieldMismatch(m: QrMismatch): QrFieldMismatch {
  return { field: m.field, tag: m.tag, sent: m.expected, received: m.actual, rule: m.rule };
}

/** The problem detail: each refused field with what was sent and what the QR says. */
export function mismatchDetail(refused: QrFieldMismatch[], unreadable: boolean): string {
  if (unreadable) {
    return `1LINK answered 00 but its QR cannot be used (${refused[0]?.rule ?? 'invalid'}); it is not shown. 1LINK did issue something: reconcile by RRN.`;
  }
  const fields = refused.map((m) => `${m.field} sent ${m.sent ?? '∅'}, QR has ${m.received ?? '∅'}`);
  return `The QR 1LINK returned disagrees with the request (${fields.join('; ')}); it is not shown. Reconcile by RRN.`;
}
