// The 1LINK document types instructedAmount as an integer and its example is 310 for a QR showing
// 310.00, so whole rupees is the default; public integrations disagree (one sends paisa), and the
// first real capture settles it. This is the one place that converts between the two.

export const AMOUNT_UNITS = ['rupees', 'paisa'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];
export const DEFAULT_AMOUNT_UNIT: AmountUnit = 'rupees';

const PAISA_PER_RUPEE = 100;

export function isAmountUnit(value: unknown): value is AmountUnit {
  return typeof value === 'string' && (AMOUNT_UNITS as readonly string[]).includes(value);
}

/** Whole rupees → the instructedAmount 1LINK expects in `unit`. */
export function instructedAmountFromRupees(rupees: number, unit: AmountUnit = DEFAULT_AMOUNT_UNIT): number {
  if (!Number.isSafeInteger(rupees))
    throw new RangeError(`amount must be a whole number of rupees: ${rupees}`);
  return unit === 'paisa' ? rupees * PAISA_PER_RUPEE : rupees;
}

/**
 * An instructedAmount in `unit` → PKR as the QR's tag 54 shows it (two decimals, e.g. "310.00"), so
 * a QR can be compared with what was asked. Undefined when it is not a whole number.
 */
export function rupeesTextOfInstructedAmount(
  instructed: number | string,
  unit: AmountUnit = DEFAULT_AMOUNT_UNIT,
): string | undefined {
  const text = typeof instructed === 'number' ? String(instructed) : instructed.trim();
  if (!/^[0-9]+$/.test(text)) return undefined;
  const digits = text.replace(/^0+(?=[0-9])/, '');
  if (unit === 'rupees') return `${digits}.00`;
  const padded = digits.padStart(3, '0');
  return `${padded.slice(0, -2)}.${padded.slice(-2)}`;
}

/** Tag 54's text (PKR, up to two decimals) → the instructedAmount it stands for in `unit`. */
export function instructedAmountOfRupeesText(
  text: string,
  unit: AmountUnit = DEFAULT_AMOUNT_UNIT,
): number | undefined {
  const match = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const paisa = Number(match[1]) * PAISA_PER_RUPEE + Number((match[2] ?? '').padEnd(2, '0'));
  if (unit === 'paisa') return paisa;
  return paisa % PAISA_PER_RUPEE === 0 ? paisa / PAISA_PER_RUPEE : undefined;
}
