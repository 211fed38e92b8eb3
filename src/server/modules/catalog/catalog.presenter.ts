import type { ActivityEntry, Classification, DataDuty, Dataset, DatasetSchemaVersion } from '../../../contracts/catalog';
import type { DatasetSchemaDefinition } from '../../../contracts/dataset-schema';
import { toIso } from '../../platform/clock';
import type { ActivityRow } from './activity.repository';
import { beijingDate } from '../../platform/beijing-dates';
import type { DatasetRow } from './dataset.repository';
import { isOverdue, nextDueDate } from './duty-schedule';
import type { DutyWithDataset } from './duty.repository';
import { freshnessOf } from './freshness';
import { informationItems } from './information-items';
import type { SchemaRow } from './schema.repository';

const parse = <T>(text: string): T => JSON.parse(text) as T;

export function presentDataset(row: DatasetRow, currentSchema: SchemaRow | undefined, now: number): Dataset {
  const sharing: Dataset['sharing'] = { type: row.sharing_type, mode: row.sharing_mode };
  if (row.sharing_condition !== null) sharing.condition = row.sharing_condition;
  if (row.sharing_channel !== null) sharing.channel = row.sharing_channel;
  const openness: Dataset['openness'] = { type: row.openness_type };
  if (row.openness_condition !== null) openness.condition = row.openness_condition;
  return {
    id: row.id,
    code: row.code,
    localCode: row.local_code,
    classification: parse<Classification>(row.classification),
    titleZh: row.title_zh,
    titleEn: row.title_en,
    descriptionZh: row.description_zh,
    descriptionEn: row.description_en,
    ownerOrganisationId: row.owner_organisation_id,
    ownerProvinceCode: row.owner_province_code,
    providerName: row.provider_name,
    providerCode: row.provider_code,
    custodianOrganisationId: row.custodian_organisation_id,
    theme: row.theme,
    keywords: parse<string[]>(row.keywords),
    spatialCoverage: parse<string[]>(row.spatial_coverage),
    temporalStart: row.temporal_start === null ? null : beijingDate(row.temporal_start),
    temporalEnd: row.temporal_end === null ? null : beijingDate(row.temporal_end),
    format: { category: row.format_category, type: row.format_type },
    sharing,
    openness,
    updateCycle: row.update_cycle,
    updateCycleNote: row.update_cycle_note,
    securityGrade: row.security_grade,
    licence: row.licence,
    useTerms: row.use_terms,
    relatedCodes: parse<string[]>(row.related_codes),
    status: row.status,
    currentSchemaId: row.current_schema_id,
    currentSchemaVersion: currentSchema?.version ?? null,
    informationItems: currentSchema === undefined ? [] : informationItems(parse<DatasetSchemaDefinition>(currentSchema.definition)),
    publishedAt: toIso(row.published_at),
    lastReleaseAt: toIso(row.last_release_at),
    freshness: freshnessOf({ updateCycle: row.update_cycle, lastReleaseAt: row.last_release_at, since: row.published_at ?? row.created_at }, now),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentSchema(row: SchemaRow, currentSchemaId: string | null): DatasetSchemaVersion {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    version: row.version,
    status: row.status,
    definition: parse<unknown>(row.definition),
    migrationNote: row.migration_note,
    createdAt: toIso(row.created_at),
    publishedAt: toIso(row.published_at),
    current: row.id === currentSchemaId,
  };
}

export function presentActivity(row: ActivityRow): ActivityEntry {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    kind: row.kind,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorOrganisationId: row.actor_organisation_id,
    summary: row.summary,
    details: parse<unknown>(row.details),
    occurredAt: toIso(row.occurred_at),
  };
}

export function presentDuty(row: DutyWithDataset, organisationName: string, now: number): DataDuty {
  const firstDueDate = beijingDate(row.first_due_at - 1);
  const nextDue = nextDueDate(firstDueDate, row.cycle, row.dataset_last_release_at);
  return {
    id: row.id,
    datasetId: row.dataset_id,
    datasetCode: row.dataset_code,
    datasetTitleZh: row.dataset_title_zh,
    datasetTitleEn: row.dataset_title_en,
    organisationId: row.organisation_id,
    organisationName,
    cycle: row.cycle,
    firstDueDate,
    note: row.note,
    status: row.status,
    lastSuppliedAt: toIso(row.dataset_last_release_at),
    nextDueDate: nextDue,
    overdue: row.status === 'active' && isOverdue(nextDue, now),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
