/**
 * Tables of the catalog module (migration 20261128-11-catalog). Times are UTC epoch ms; lists
 * and structured values are JSON text parsed in the repositories (no JSON operators in SQL).
 */
import type { DatasetStatus, DatasetTheme, OpennessType, SecurityGrade, SharingType, UpdateCycle } from '../../../contracts/sharing';
import type { DutyCycle, FormatCategory, SchemaStatus, SharingChannel, SharingMode } from '../../../contracts/catalog';

export interface DatasetsTable {
  id: string;
  /** 信息资源代码 (分类码/顺序码); fixed once published. */
  code: string;
  /** Province-specific local code (e.g. Anhui DB34/T 4685), optional. */
  local_code: string | null;
  /** JSON of `Classification` (类/项/目/细目 codes and names). */
  classification: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  owner_organisation_id: string;
  /** The owner's province (GB/T 2260), copied at creation: the province facet. */
  owner_province_code: string;
  /** 信息资源提供方 and its code (the owner's USCC), copied from the owner organisation. */
  provider_name: string;
  provider_code: string | null;
  custodian_organisation_id: string;
  theme: DatasetTheme;
  /** JSON array of strings. */
  keywords: string;
  /** JSON array of GB/T 2260 codes. */
  spatial_coverage: string;
  temporal_start: number | null;
  temporal_end: number | null;
  format_category: FormatCategory;
  format_type: string;
  sharing_type: SharingType;
  sharing_condition: string | null;
  sharing_mode: SharingMode;
  sharing_channel: SharingChannel | null;
  openness_type: OpennessType;
  openness_condition: string | null;
  update_cycle: UpdateCycle;
  update_cycle_note: string | null;
  security_grade: SecurityGrade;
  licence: string;
  use_terms: string;
  /** JSON array of 信息资源代码. */
  related_codes: string;
  status: DatasetStatus;
  current_schema_id: string | null;
  published_at: number | null;
  /** Last accepted release (set by the releases part through CatalogService.markReleased). */
  last_release_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface DatasetSchemasTable {
  id: string;
  dataset_id: string;
  version: number;
  status: SchemaStatus;
  /** JSON text of the DatasetSchemaDefinition. */
  definition: string;
  migration_note: string | null;
  created_by: string | null;
  created_at: number;
  published_at: number | null;
}

export interface DataDutiesTable {
  id: string;
  dataset_id: string;
  /** The obliged organisation (报送单位). */
  organisation_id: string;
  cycle: DutyCycle;
  /** The first deadline: end of that Beijing day, UTC epoch ms. */
  first_due_at: number;
  note: string | null;
  status: 'active' | 'ended';
  created_at: number;
  updated_at: number;
}

export interface DatasetActivityTable {
  id: string;
  dataset_id: string;
  kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_organisation_id: string | null;
  summary: string;
  /** JSON text. */
  details: string;
  occurred_at: number;
}

export interface CatalogTables {
  datasets: DatasetsTable;
  dataset_schemas: DatasetSchemasTable;
  data_duties: DataDutiesTable;
  dataset_activity: DatasetActivityTable;
}
