import Value from 'typebox/value';
import { DatasetSchemaDefinition, type CodeListRef, type SchemaProblem } from '../../../contracts/dataset-schema';
import { codeListRefsOf, parseDatasetSchema } from '../../../dataset-schema';
import type { Executor } from '../../db/database';
import type { CodeListLookup } from './catalog.types';

const refKey = (ref: CodeListRef) => `${ref.code}@${ref.version ?? ''}`;

/**
 * Problems of a schema definition (empty when it can be stored), from the dataset-schema
 * checker. Code-list references are looked up in the dictionary first (asynchronously), so the
 * pure checker can ask about them synchronously.
 */
export async function checkDefinition(executor: Executor, definition: unknown, codeLists: CodeListLookup | undefined): Promise<SchemaProblem[]> {
  const known = new Set<string>();
  if (Value.Check(DatasetSchemaDefinition, definition)) {
    for (const ref of codeListRefsOf(definition as DatasetSchemaDefinition)) {
      if (codeLists === undefined || (await codeLists.exists(executor, ref))) known.add(refKey(ref));
    }
  }
  return parseDatasetSchema(definition, { codeListExists: (ref) => known.has(refKey(ref)) }).problems;
}
