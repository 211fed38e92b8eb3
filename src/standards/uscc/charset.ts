/**
 * The 31 characters of GB 32100-2015, in value order: digits 0–9 then the upper-case letters
 * without I, O, S, V and Z (easily confused with 1, 0, 5, U and 2). A = 10 … Y = 30.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Value of a USCC character (0–30), or -1 if it is not in the character set. */
export function usccCharValue(char: string): number {
  return char.length === 1 ? USCC_CHARSET.indexOf(char) : -1;
}
