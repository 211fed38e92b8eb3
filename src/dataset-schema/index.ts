/**
 * The dataset-schema library (pure): checking schema definitions, and — as the parts land —
 * validating rows against them and masking shared values. No I/O; callers resolve code lists.
 */
export { checkDatasetSchema, codeListRefsOf, parseDatasetSchema, type SchemaCheckResolver } from './check-schema';
export { SchemaProblemCode } from './problems';
export { MAX_PATTERN_LENGTH, screenPattern } from './regex-safety';
export { parseInstant } from './value-kinds';
