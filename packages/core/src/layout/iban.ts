// Pakistan's IBAN: PK, 2 check digits, a 4-letter bank code, 16 letters or digits (24 characters).
// The spec's MerchantDetails.iban pattern says the same; the check digits are what a schema cannot say.
export const PK_IBAN_PATTERN = /^PK[0-9]{2}[A-Z]{4}[0-9A-Z]{16}$/;

/**
 * ISO 13616 check: move the first four characters to the end, read letters as 10..35, and the
 * number must leave 1 when divided by 97. Computed piecewise, so no big integers are needed.
 */
export function ibanChecksumValid(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]+$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = Number.parseInt(char, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder === 1;
}
