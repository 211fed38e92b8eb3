import { isValidDivisionCode } from '../../../standards/divisions';
import { validateUscc } from '../../../standards/uscc';
import type { OrganisationStandards } from './organisation.service';

/**
 * The organisation checks, delegated to the pure national-standard code: GB 32100 for the USCC
 * and GB/T 2260 for division codes.
 */
export const organisationStandards: OrganisationStandards = {
  usccProblem(code) {
    const result = validateUscc(code);
    return result.valid ? null : (result.error?.message ?? 'invalid');
  },

  division(code) {
    const check = isValidDivisionCode(code);
    const provinceCode = `${code.slice(0, 2)}0000`;
    if (check.valid) return { level: check.level, provinceCode };
    // The table lists every province and city but only some counties: a well-formed county code
    // of the four provinces is accepted (GB/T 2260 is the authority, not our excerpt of it).
    if (check.status === 'unknown' && check.inRegion && check.level === 'county') return { level: 'county', provinceCode };
    return null;
  },
};
