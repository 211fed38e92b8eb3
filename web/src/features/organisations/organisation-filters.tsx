import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../../src/contracts/identity';
import type { DivisionProvince } from '../../app/reference/divisions';
import { provinceOptions } from './division-options';
import { useCodeLabel } from '../../app/format/use-code-label';

export interface OrganisationFilter {
  q?: string;
  kind?: OrganisationKind;
  provinceCode?: string;
}

/** Search by name and filter by kind and province. */
export function OrganisationFilters({
  value,
  onChange,
  provinces,
}: {
  value: OrganisationFilter;
  onChange(next: OrganisationFilter): void;
  provinces: DivisionProvince[];
}) {
  const { t, i18n } = useTranslation();
  const kindLabel = useCodeLabel('organisations.kinds');
  return (
    <Space wrap className="filter-bar">
      <Input.Search
        allowClear
        placeholder={t('organisations.searchPlaceholder')}
        aria-label={t('organisations.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ width: 260 }}
        data-testid="organisation-search"
      />
      <Select<OrganisationKind>
        allowClear
        placeholder={t('organisations.filterKind')}
        aria-label={t('organisations.filterKind')}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        style={{ width: 200 }}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
      />
      <Select<string>
        allowClear
        placeholder={t('organisations.filterProvince')}
        aria-label={t('organisations.filterProvince')}
        value={value.provinceCode}
        onChange={(provinceCode) => onChange({ ...value, provinceCode })}
        style={{ width: 180 }}
        options={provinceOptions(provinces, i18n.language === 'en', t('divisions.region'))}
      />
    </Space>
  );
}
