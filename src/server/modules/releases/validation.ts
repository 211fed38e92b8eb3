import type { RuleSeverity } from '../../../contracts/sharing';
import type { Executor } from '../../db/database';
import type { CollectedRow } from './collection';
import type { TemplateTable } from './parse/template';
import type { UploadTableShape } from './parse/types';

/**
 * What the releases part needs of a schema version's definition (a structural subset of
 * DatasetSchemaDefinition, src/contracts/dataset-schema.ts).
 */
export interface ReleaseSchemaTable extends TemplateTable {
  /** The GB/T 2260 division field giving a row's area (row-level grants). */
  scopeField?: string | undefined;
}
export interface ReleaseSchemaDefinition {
  tables: readonly ReleaseSchemaTable[];
}

/** One result of validating the collection; `rowIndex` indexes the table's collected rows. */
export interface ValidationFinding {
  table: string | null;
  rowIndex: number | null;
  field: string | null;
  ruleCode: string;
  severity: RuleSeverity;
  message: string;
  messageZh: string;
  value: string | null;
}

/**
 * Validates a whole draft collection against a schema version: types, units, ranges, code
 * lists, required fields, keys, links and custom rules. Built in the composition root around
 * the dataset-schema engine and the dictionary's code lists; the releases part never judges a
 * value itself.
 */
export interface CollectionValidator {
  validate(executor: Executor, definition: unknown, collection: ReadonlyMap<string, readonly CollectedRow[]>): Promise<ValidationFinding[]>;
}

export function uploadShapes(definition: ReleaseSchemaDefinition): UploadTableShape[] {
  return definition.tables.map((table) => ({
    name: table.name,
    labelZh: table.label.zh,
    labelEn: table.label.en,
    fields: table.fields.map((field) => ({ name: field.name, required: field.required === true, labelZh: field.label.zh, labelEn: field.label.en })),
  }));
}

export function emptyCounts(): Record<RuleSeverity, number> {
  return { BLOCKER: 0, ERROR: 0, WARNING: 0, INFO: 0 };
}
