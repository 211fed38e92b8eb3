/** GB 11714-1997 weights of the 8-character body. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function orgCharValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41 + 10;
  return -1;
}

/**
 * Check character of an organisation code body (GB 11714-1997, 组织机构代码): 8 characters
 * 0–9 / A–Z valued 0–35, weights 3 7 9 10 5 8 4 2, C9 = 11 − (Σ mod 11) with 10 → `X` and
 * 11 → `0`. Null if the body is not 8 such characters.
 */
export function computeOrgCodeCheckChar(body: string): string | null {
  if (body.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = orgCharValue(body[i]!);
    if (value < 0) return null;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * Whether a 9-character organisation code (`XXXXXXXX-X` with the hyphen, or without it) carries
 * the right GB 11714 check character. Upper case only.
 */
export function isValidOrgCode(code: string): boolean {
  const compact = code.length === 10 && code[8] === '-' ? code.slice(0, 8) + code[9] : code;
  if (compact.length !== 9) return false;
  return computeOrgCodeCheckChar(compact.slice(0, 8)) === compact[8];
}
