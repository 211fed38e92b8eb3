import type { CodeListRef, DatasetSchemaDefinition } from '../../../contracts/dataset-schema';
import { codeListRefsOf, InvalidDefinitionError, validateRows, type CodeListEntryInput, type ResolvedCodeListInput } from '../../../dataset-schema';
import type { Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { CollectedRow } from './collection';
import type { CollectionValidator, ValidationFinding } from './validation';

/** The dictionary's code lists as the engine needs them (DictionaryService.resolveCodeList). */
export type CodeListSource = (executor: Executor, ref: CodeListRef) => Promise<readonly CodeListEntryInput[] | undefined>;
/** Rows of another dataset's latest accepted release, for the schema's reference tables. */
export type ReferenceRowSource = (executor: Executor, datasetCode: string, table: string) => Promise<readonly Record<string, unknown>[]>;

/**
 * Results kept per rule code. A file where every row breaks the same rule still gets one result
 * per row up to this many; beyond it the engine keeps exact counts only.
 */
export const MAX_RESULTS_PER_RULE = 20_000;

/**
 * The releases part's validator: the dataset-schema engine fed with the dictionary's code lists
 * and the reference tables' accepted rows. Retired codes are judged against "now" (the moment of
 * the upload): new data using a retired code gets the engine's warning.
 */
export function createEngineValidator(deps: { clock: Clock; codeLists: CodeListSource; referenceRows: ReferenceRowSource }): CollectionValidator {
  return {
    async validate(executor, definitionValue, collection): Promise<ValidationFinding[]> {
      const definition = definitionValue as DatasetSchemaDefinition;
      const codeLists: ResolvedCodeListInput[] = [];
      for (const ref of codeListRefsOf(definition)) {
        const entries = await deps.codeLists(executor, ref);
        if (entries !== undefined) codeLists.push({ ref, entries });
      }
      const referenceTables: Record<string, readonly unknown[]> = {};
      for (const reference of definition.referenceTables ?? []) {
        referenceTables[reference.name] = await deps.referenceRows(executor, reference.datasetCode, reference.table);
      }
      const tables: Record<string, readonly unknown[]> = {};
      for (const [table, rows] of collection) tables[table] = rows.map((row: CollectedRow) => row.cells);
      try {
        const output = validateRows({ definition, tables, codeLists, referenceTables, referenceDate: { at: deps.clock.now() }, maxResultsPerRule: MAX_RESULTS_PER_RULE });
        return output.results.map((result) => ({
          table: result.table,
          rowIndex: result.rowNo === null ? null : result.rowNo - 1,
          field: result.field,
          ruleCode: result.ruleCode,
          severity: result.severity,
          message: result.message,
          messageZh: result.messageZh,
          value: result.value === null || result.value === undefined ? null : typeof result.value === 'string' ? result.value : JSON.stringify(result.value),
        }));
      } catch (error) {
        // A published schema whose code list has since disappeared from the dictionary.
        if (error instanceof InvalidDefinitionError) {
          throw errors.conflict('The schema version cannot be applied: it refers to code lists the dictionary no longer resolves', '该数据结构版本引用的代码集已无法解析，暂不能校验数据', { problems: error.problems });
        }
        throw error;
      }
    },
  };
}
