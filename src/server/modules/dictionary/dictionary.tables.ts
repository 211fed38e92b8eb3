import type { FieldType } from '../../../contracts/dataset-schema';
import type { CodeListVersionStatus } from '../../../contracts/dictionary';

export interface DataElementsTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  definition: string | null;
  type: FieldType;
  unit: string | null;
  min_value: number | null;
  max_value: number | null;
  max_length: number | null;
  decimal_places: number | null;
  code_list_code: string | null;
  revision: number;
  created_at: number;
  updated_at: number;
}

export interface CodeListsTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  description: string | null;
  created_at: number;
  updated_at: number;
}

export interface CodeListVersionsTable {
  id: string;
  code_list_id: string;
  version: string;
  status: CodeListVersionStatus;
  note: string | null;
  released_at: number | null;
  retired_at: number | null;
  replaced_by: string | null;
  created_at: number;
}

export interface CodeListEntriesTable {
  version_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  parent_code: string | null;
  position: number;
  retired_at: number | null;
  replacement_code: string | null;
}

export interface DictionaryTables {
  data_elements: DataElementsTable;
  code_lists: CodeListsTable;
  code_list_versions: CodeListVersionsTable;
  code_list_entries: CodeListEntriesTable;
}
