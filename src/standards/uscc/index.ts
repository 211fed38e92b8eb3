// Public surface of the GB 32100-2015 USCC library (with the embedded GB 11714 organisation code check).
export { USCC_CHARSET, usccCharValue } from './charset';
export { computeOrgCodeCheckChar, isValidOrgCode } from './org-code';
export { REGISTRATION_AUTHORITIES } from './registration-authorities';
export {
  computeUsccCheckChar,
  validateUscc,
  type UsccError,
  type UsccErrorCode,
  type UsccValidation,
  type UsccValidationOptions,
} from './validate-uscc';
