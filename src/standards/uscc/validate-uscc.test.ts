import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET } from './charset';
import { computeOrgCodeCheckChar, isValidOrgCode } from './org-code';
import { computeUsccCheckChar, validateUscc } from './validate-uscc';

// Fixtures: a published real code (华为技术有限公司; it passes both checks) and codes built from
// the rules with an independent script. The reference gives no worked example for GB 32100.
const VALID = [
  '914403001922038216',
  '91320100MA1FL4T379',
  '11100000D2601232XJ', // org-code check X
  '52310000000000000W', // org-code check 0 (11 → 0)
  'Y1340100MA2N0C1K4C',
  '93330100MA28YJ0W74',
  'N2320583MA1XQ8H436',
  '91320100MA1FL4T02N', // USCC check 0
  '91320100MA1FL4T53Y', // USCC check Y
];

describe('validateUscc (GB 32100-2015)', () => {
  it('accepts valid codes, with a valid embedded organisation code', () => {
    for (const code of VALID) expect(validateUscc(code), code).toEqual({ valid: true, orgCodeValid: true, error: null });
  });

  it('uses weights 3^(i−1) mod 31 and the 31-character set', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    for (const letter of 'IOSVZ') expect(USCC_CHARSET).not.toContain(letter);
    expect(computeUsccCheckChar('91440300192203821')).toBe('6');
    expect(computeUsccCheckChar('9144030019220382')).toBeNull();
    expect(computeUsccCheckChar('9144030019220382I')).toBeNull();
  });

  it('reports the failing rule with a stable code', () => {
    expect(validateUscc('91440300192203821')).toMatchObject({ valid: false, orgCodeValid: false, error: { code: 'INVALID_LENGTH' } });
    expect(validateUscc('')).toMatchObject({ error: { code: 'INVALID_LENGTH' } });
    expect(validateUscc('91440300192203821O')).toMatchObject({ valid: false, error: { code: 'INVALID_CHARACTER' } });
    expect(validateUscc('914403001922038216'.toLowerCase().replace('9', 'a'))).toMatchObject({ error: { code: 'INVALID_CHARACTER' } });
    expect(validateUscc('B14403001922038216')).toMatchObject({ valid: false, orgCodeValid: true, error: { code: 'UNKNOWN_REGISTRATION_AUTHORITY' } });
    expect(validateUscc('94440300192203821X')).toMatchObject({ valid: false, error: { code: 'UNKNOWN_ORGANISATION_TYPE' } });
    expect(validateUscc('9144A3001922038216')).toMatchObject({ valid: false, error: { code: 'INVALID_DIVISION_CODE' } });
    expect(validateUscc('914403001922038217')).toMatchObject({
      valid: false,
      orgCodeValid: true,
      error: { code: 'CHECK_CHARACTER_MISMATCH', expected: '6' },
    });
  });

  it('can skip the organisation-type table', () => {
    const code = '9444030019220382' + '1';
    const full = code + computeUsccCheckChar(code)!;
    expect(validateUscc(full).error?.code).toBe('UNKNOWN_ORGANISATION_TYPE');
    expect(validateUscc(full, { checkOrganisationType: false })).toEqual({ valid: true, orgCodeValid: true, error: null });
  });

  it('flags a wrong embedded organisation code as a warning only', () => {
    const body = '91440300192203820';
    const code = body + computeUsccCheckChar(body)!;
    expect(validateUscc(code)).toEqual({ valid: true, orgCodeValid: false, error: null });
  });

  it('detects every single-character substitution (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.integer({ min: 0, max: 17 }), fc.constantFrom(...USCC_CHARSET), (code, at, char) => {
        fc.pre(code[at] !== char);
        const changed = code.slice(0, at) + char + code.slice(at + 1);
        expect(validateUscc(changed).valid).toBe(false);
      }),
    );
  });
});

describe('GB 11714 organisation code', () => {
  it('computes the check character, including X and 0', () => {
    expect(computeOrgCodeCheckChar('19220382')).toBe('1');
    expect(computeOrgCodeCheckChar('D2601232')).toBe('X');
    expect(computeOrgCodeCheckChar('00000000')).toBe('0');
    expect(computeOrgCodeCheckChar('MA1FL4T3')).toBe('7');
    expect(computeOrgCodeCheckChar('1922038')).toBeNull();
    expect(computeOrgCodeCheckChar('1922038a')).toBeNull();
  });

  it('validates codes with or without the hyphen', () => {
    expect(isValidOrgCode('19220382-1')).toBe(true);
    expect(isValidOrgCode('192203821')).toBe(true);
    expect(isValidOrgCode('19220382-2')).toBe(false);
    expect(isValidOrgCode('1922038-21')).toBe(false);
  });
});
