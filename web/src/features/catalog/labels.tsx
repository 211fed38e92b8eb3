import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DatasetFacets, Freshness } from '../../../../src/contracts/catalog';
import type { DatasetStatus, SharingType } from '../../../../src/contracts/sharing';

const SHARING_COLOURS: Record<SharingType, string> = { unconditional: 'green', conditional: 'gold', not_shared: 'red' };
const FRESHNESS_COLOURS: Record<Freshness, string> = { fresh: 'green', due: 'orange', overdue: 'red' };

export function SharingTag({ type }: { type: SharingType }) {
  const { t } = useTranslation();
  return <Tag color={SHARING_COLOURS[type]}>{t(`catalog.sharingTypes.${type}`)}</Tag>;
}

export function FreshnessTag({ freshness }: { freshness: Freshness }) {
  const { t } = useTranslation();
  return <Tag color={FRESHNESS_COLOURS[freshness]}>{t(`catalog.freshness.${freshness}`)}</Tag>;
}

export function StatusTag({ status }: { status: DatasetStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'published' ? 'blue' : status === 'draft' ? 'default' : 'volcano'}>{t(`catalog.statuses.${status}`)}</Tag>;
}

/** A dataset activity's kind (`release.accepted`) in the reader's language; a kind without a label yet shows as itself. */
export function useActivityKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  const labels = t('catalog.dataset.activityKinds', { returnObjects: true }) as Record<string, string | undefined>;
  return (kind) => labels[kind] ?? kind;
}

/** The label of a facet value in the current language. */
export function useFacetLabel(): (facet: keyof DatasetFacets, value: string) => string {
  const { t } = useTranslation();
  return (facet, value) => {
    const section = { province: 'provinces', theme: 'themes', sharingType: 'sharingTypes', securityGrade: 'grades', status: 'statuses', freshness: 'freshness' }[facet];
    return t(`catalog.${section}.${value}` as never, { defaultValue: value });
  };
}
