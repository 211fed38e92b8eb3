/**
 * The dictionary module's public surface (标准统一): data elements, versioned code lists,
 * `resolveCodeList` for validation, and the seed of the platform's own elements and lists.
 */
import type { DatabaseHandle } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit';
import { createDictionaryRepository } from './dictionary.repository';
import { createDictionaryService, type DictionaryService } from './dictionary.service';

export interface DictionaryDeps {
  clock: Clock;
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  audit: Pick<AuditService, 'record'>;
}

/** Builds the dictionary service (called by context.ts only). */
export function createDictionaryModule(deps: DictionaryDeps): DictionaryService {
  return createDictionaryService({ ...deps, repository: createDictionaryRepository(deps.database.dialect) });
}

export { registerDictionaryRoutes } from './dictionary.routes';
export { seedDictionary, type DictionarySeedResult } from './dictionary.seed';
export type { DictionaryService, ResolvedCodeList } from './dictionary.service';
