/**
 * The dataset-schema library (pure): checking schema definitions, validating rows against them
 * and masking shared values. No I/O; callers resolve code lists and reference tables first.
 */
export { checkDatasetSchema, codeListRefsOf, parseDatasetSchema, type SchemaCheckResolver } from './check-schema';
export { SchemaProblemCode } from './problems';
export { MAX_PATTERN_LENGTH, screenPattern } from './regex-safety';
export { parseInstant } from './value-kinds';
export {
  AUTOMATIC_RULES,
  InvalidDefinitionError,
  validateRows,
  type AutomaticRuleKind,
  type CodeListEntryInput,
  type ReferenceDate,
  type ResolvedCodeListInput,
  type RuleSummary,
  type TypedRow,
  type ValidationInput,
  type ValidationOutput,
  type ValidationResultItem,
} from './validate';
export { compileRowMasker, maskIdNumber, maskName, maskPhone, maskValue, roundCoordinates, type RowMasker } from './mask';
