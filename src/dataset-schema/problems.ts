import type { SchemaProblem } from '../contracts/dataset-schema';

/** Stable codes of schema problems (the web and the catalog branch on them). */
export const SchemaProblemCode = {
  InvalidShape: 'INVALID_SHAPE',
  DuplicateName: 'DUPLICATE_NAME',
  UnknownTable: 'UNKNOWN_TABLE',
  UnknownField: 'UNKNOWN_FIELD',
  WrongFieldType: 'WRONG_FIELD_TYPE',
  UnknownCodeList: 'UNKNOWN_CODE_LIST',
  UnknownElement: 'UNKNOWN_ELEMENT',
  MissingCodeList: 'MISSING_CODE_LIST',
  AttributeNotApplicable: 'ATTRIBUTE_NOT_APPLICABLE',
  InvalidRange: 'INVALID_RANGE',
  InvalidPattern: 'INVALID_PATTERN',
  UnsafePattern: 'UNSAFE_PATTERN',
  KeyMismatch: 'KEY_MISMATCH',
  RuleScope: 'RULE_SCOPE',
  RuleType: 'RULE_TYPE',
  RuleTooComplex: 'RULE_TOO_COMPLEX',
} as const;
export type SchemaProblemCode = (typeof SchemaProblemCode)[keyof typeof SchemaProblemCode];

/** JSON Pointer (RFC 6901) of a location inside the definition. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export class ProblemList {
  readonly items: SchemaProblem[] = [];
  add(path: string, code: SchemaProblemCode, message: string, messageZh: string): void {
    this.items.push({ path, code, message, messageZh });
  }
}
