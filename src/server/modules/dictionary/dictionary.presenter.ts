import type { CodeList, CodeListVersion, CodeListVersionSummary, DataElement } from '../../../contracts/dictionary';
import { toIso } from '../../platform/clock';
import type { VersionWithCount } from './dictionary.repository';
import type { CodeListEntriesTable, CodeListsTable, CodeListVersionsTable, DataElementsTable } from './dictionary.tables';

export function presentElement(row: DataElementsTable): DataElement {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    definition: row.definition,
    type: row.type,
    unit: row.unit,
    min: row.min_value,
    max: row.max_value,
    maxLength: row.max_length,
    precision: row.decimal_places,
    codeList: row.code_list_code,
    revision: Number(row.revision),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

function presentSummary(row: CodeListVersionsTable, entryCount: number): CodeListVersionSummary {
  return {
    version: row.version,
    status: row.status,
    note: row.note,
    entryCount,
    releasedAt: row.released_at === null ? null : toIso(Number(row.released_at)),
    retiredAt: row.retired_at === null ? null : toIso(Number(row.retired_at)),
    replacedBy: row.replaced_by,
    createdAt: toIso(Number(row.created_at)),
  };
}

export function presentCodeList(row: CodeListsTable, versions: readonly VersionWithCount[]): CodeList {
  const current = versions
    .filter((version) => version.status === 'released')
    .sort((a, b) => Number(b.released_at) - Number(a.released_at))[0];
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    description: row.description,
    currentVersion: current?.version ?? null,
    versions: versions.map((version) => presentSummary(version, version.entry_count)),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function presentVersion(list: CodeListsTable, row: CodeListVersionsTable, entries: readonly CodeListEntriesTable[]): CodeListVersion {
  return {
    ...presentSummary(row, entries.length),
    code: list.code,
    entries: entries.map((entry) => ({
      code: entry.code,
      nameZh: entry.name_zh,
      nameEn: entry.name_en,
      parentCode: entry.parent_code,
      retiredAt: entry.retired_at === null ? null : toIso(Number(entry.retired_at)),
      replacementCode: entry.replacement_code,
    })),
  };
}
