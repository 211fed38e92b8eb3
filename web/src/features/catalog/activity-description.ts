import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry } from '../../../../src/contracts/catalog';

type Details = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const sum = (value: unknown): number | undefined =>
  typeof value === 'object' && value !== null ? Object.values(value).reduce<number>((total, n) => total + (count(n) ?? 0), 0) : undefined;

/**
 * What happened, in the reader's language, from the entry's kind and details. The stored summary
 * is one fixed text for API clients; it is shown only for an entry whose details lack what the
 * sentence needs (written before the detail was recorded) or a kind without a sentence.
 */
export function describeActivity(t: TFunction, entry: ActivityEntry): string | undefined {
  const d = (entry.details ?? {}) as Details;
  const T = 'catalog.dataset.activityTexts' as const;
  // A value the labels do not know (a newer server) shows as itself.
  const label = (section: 'catalog.cycles' | 'releases.modes' | 'access.statuses', value: unknown): string => (t(section, { returnObjects: true }) as Record<string, string | undefined>)[String(value)] ?? String(value);
  switch (entry.kind) {
    case 'dataset.created':
      return text(d.code) && t(`${T}.dataset.created`, { code: d.code });
    case 'dataset.imported':
      return text(d.code) && t(`${T}.dataset.imported`, { code: d.code });
    case 'dataset.published':
      return text(d.code) && t(`${T}.dataset.published`, { code: d.code });
    case 'dataset.deprecated':
      return t(`${T}.dataset.deprecated`);
    case 'duty.updated':
      return t(`${T}.duty.updated`);
    case 'access.requested':
      return t(`${T}.access.requested`);
    case 'schema.draft_created':
      return count(d.version) !== undefined ? t(`${T}.schema.draft_created`, { version: d.version }) : undefined;
    case 'schema.published': {
      if (count(d.version) === undefined) return undefined;
      const note = text(d.migrationNote);
      return note ? t(`${T}.schema.published_note`, { version: d.version, note }) : t(`${T}.schema.published`, { version: d.version });
    }
    case 'duty.created':
      return text(d.cycle) && text(d.firstDueDate) && t(`${T}.duty.created`, { cycle: label('catalog.cycles', d.cycle), date: d.firstDueDate });
    case 'upload.validated': {
      const counts = (d.counts ?? {}) as Details;
      if (count(d.rowCount) === undefined || !text(d.mode)) return undefined;
      return t(`${T}.upload.validated`, { rows: d.rowCount, mode: label('releases.modes', d.mode), blockers: count(counts.BLOCKER) ?? 0, errors: count(counts.ERROR) ?? 0, warnings: count(counts.WARNING) ?? 0 });
    }
    case 'upload.rejected':
      return text(d.fileName) && count(d.problemCount) !== undefined ? t(`${T}.upload.rejected`, { file: d.fileName, problems: d.problemCount }) : undefined;
    case 'release.submitted':
      return count(d.sequence) !== undefined && sum(d.rowCounts) !== undefined ? t(`${T}.release.submitted`, { sequence: d.sequence, rows: sum(d.rowCounts) }) : undefined;
    case 'release.message':
    case 'release.accepted':
    case 'release.correction_requested':
      return count(d.sequence) !== undefined ? t(`${T}.release.${entry.kind === 'release.message' ? 'message' : entry.kind === 'release.accepted' ? 'accepted' : 'correction_requested'}`, { sequence: d.sequence }) : undefined;
    case 'release.attachment':
      return count(d.sequence) !== undefined && text(d.fileName) ? t(`${T}.release.attachment`, { sequence: d.sequence, file: d.fileName }) : undefined;
    case 'access.decided':
      return text(d.status) && t(`${T}.access.decided`, { status: label('access.statuses', d.status) });
    case 'grant.revoked':
      return text(d.reason) ? t(`${T}.grant.revoked`, { reason: d.reason }) : t(`${T}.grant.revoked_plain`);
    default:
      return undefined;
  }
}

// Metadata keys of a `dataset.updated` diff and the label the metadata page and form give them.
const METADATA_LABEL_KEYS = {
  code: 'catalog.dataset.fields.code',
  localCode: 'catalog.dataset.fields.localCode',
  classification: 'catalog.dataset.fields.classification',
  titleZh: 'catalog.form.titleZh',
  titleEn: 'catalog.form.titleEn',
  descriptionZh: 'catalog.form.descriptionZh',
  descriptionEn: 'catalog.form.descriptionEn',
  providerName: 'catalog.dataset.fields.provider',
  providerCode: 'catalog.dataset.fields.providerCode',
  theme: 'catalog.dataset.fields.theme',
  keywords: 'catalog.dataset.fields.keywords',
  spatialCoverage: 'catalog.dataset.fields.spatial',
  temporalStart: 'catalog.form.temporalStart',
  temporalEnd: 'catalog.form.temporalEnd',
  format: 'catalog.dataset.fields.format',
  sharing: 'catalog.dataset.fields.sharing',
  openness: 'catalog.dataset.fields.openness',
  updateCycle: 'catalog.dataset.fields.cycle',
  updateCycleNote: 'catalog.form.cycleNote',
  securityGrade: 'catalog.dataset.fields.grade',
  licence: 'catalog.dataset.fields.licence',
  useTerms: 'catalog.dataset.fields.useTerms',
  relatedCodes: 'catalog.dataset.fields.related',
  status: 'catalog.dataset.fields.status',
  custodianOrganisationId: 'catalog.dataset.fields.custodian',
  publishedAt: 'catalog.dataset.fields.publishedAt',
} as const;

/** The label of a changed metadata field in the reader's language; a key without one shows as itself. */
export function metadataFieldLabel(t: TFunction, field: string): string {
  const key = (METADATA_LABEL_KEYS as Record<string, (typeof METADATA_LABEL_KEYS)[keyof typeof METADATA_LABEL_KEYS] | undefined>)[field];
  return key === undefined ? field : t(key);
}

/** The sentence for a dataset activity entry in the current language (the stored summary as a fallback). */
export function useActivityDescription(): (entry: ActivityEntry) => string {
  const { t } = useTranslation();
  return (entry) => describeActivity(t, entry) || entry.summary;
}
