import { USCC_CHARSET, usccCharValue } from './charset';
import { computeOrgCodeCheckChar } from './org-code';
import { REGISTRATION_AUTHORITIES } from './registration-authorities';

/** Weights W1…W17 = 3^(i−1) mod 31 (GB 32100-2015). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccErrorCode =
  | 'INVALID_LENGTH'
  | 'INVALID_CHARACTER'
  | 'UNKNOWN_REGISTRATION_AUTHORITY'
  | 'UNKNOWN_ORGANISATION_TYPE'
  | 'INVALID_DIVISION_CODE'
  | 'CHECK_CHARACTER_MISMATCH';

export interface UsccError {
  readonly code: UsccErrorCode;
  readonly message: string;
  /** For CHECK_CHARACTER_MISMATCH: the character position 18 should hold. */
  readonly expected?: string;
}

export interface UsccValidation {
  /** The hard rule: structure, character set, authority/type codes and the 18th-character check. */
  readonly valid: boolean;
  /**
   * Whether positions 9–17 carry a correct GB 11714 check character. Every real code passes it,
   * so false strongly suggests a fabricated code; it is a warning and does not affect `valid`.
   */
  readonly orgCodeValid: boolean;
  /** The first hard-rule failure, or null when valid. */
  readonly error: UsccError | null;
}

export interface UsccValidationOptions {
  /**
   * Check that position 2 is a 机构类别码 of the position-1 authority. Default true; turn it off
   * if an amendment adds types faster than this table is updated.
   */
  readonly checkOrganisationType?: boolean;
}

/**
 * The 18th (check) character for the first 17 characters of a USCC (GB 32100-2015):
 * C18 = CHARSET[(31 − Σ value(Ci)·Wi mod 31) mod 31]. Null if the input is not 17 characters
 * of the character set.
 */
export function computeUsccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = usccCharValue(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

const fail = (orgCodeValid: boolean, code: UsccErrorCode, message: string, expected?: string): UsccValidation => ({
  valid: false,
  orgCodeValid,
  error: expected === undefined ? { code, message } : { code, message, expected },
});

/**
 * Validates a 统一社会信用代码 (GB 32100-2015) and its embedded organisation code
 * (positions 9–17, GB 11714-1997). Upper case only, no spaces: normalise before calling.
 */
export function validateUscc(code: string, options: UsccValidationOptions = {}): UsccValidation {
  if (code.length !== 18) return fail(false, 'INVALID_LENGTH', `a USCC has 18 characters, got ${code.length}`);
  for (let i = 0; i < 18; i++) {
    if (usccCharValue(code[i]!) < 0) {
      return fail(false, 'INVALID_CHARACTER', `character ${i + 1} ${JSON.stringify(code[i])} is not in ${USCC_CHARSET} (no I, O, S, V, Z, no lower case)`);
    }
  }
  const orgCodeValid = computeOrgCodeCheckChar(code.slice(8, 16)) === code[16];
  const authority = REGISTRATION_AUTHORITIES[code[0]!];
  if (authority === undefined) return fail(orgCodeValid, 'UNKNOWN_REGISTRATION_AUTHORITY', `registration authority code ${code[0]} is not one of 1–9, A, N, Y`);
  if (options.checkOrganisationType !== false && authority.types[code[1]!] === undefined) {
    return fail(orgCodeValid, 'UNKNOWN_ORGANISATION_TYPE', `organisation type ${code[1]} is not defined for authority ${code[0]} (${authority.name})`);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return fail(orgCodeValid, 'INVALID_DIVISION_CODE', 'positions 3–8 must be a 6-digit GB/T 2260 division code');
  const expected = computeUsccCheckChar(code.slice(0, 17))!;
  if (code[17] !== expected) return fail(orgCodeValid, 'CHECK_CHARACTER_MISMATCH', `check character is ${code[17]}, expected ${expected}`, expected);
  return { valid: true, orgCodeValid, error: null };
}
