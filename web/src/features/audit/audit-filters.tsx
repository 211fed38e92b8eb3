import { DatePicker, Input, Select, Space, type GetProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/identity';
import { useApiQuery } from '../../app/api/use-api-query';
import type { Page } from '../../app/api/page';
import { beijingDayEnd, beijingDayStart } from '../../app/format/beijing-time';
import { useOrganisationDirectory } from '../../app/reference/organisations';

type RangeChange = NonNullable<GetProps<typeof DatePicker.RangePicker>['onChange']>;
type PickedDates = Parameters<RangeChange>[0];

export interface AuditFilter {
  action?: string;
  objectType?: string;
  actorUserId?: string;
  organisationId?: string;
  /** UTC instants of the chosen Beijing days' start and end. */
  from?: string;
  to?: string;
}

/** The picked calendar days, read as Beijing dates whatever the browser's time zone. */
function rangeToInstants(dates: PickedDates): Pick<AuditFilter, 'from' | 'to'> {
  const [start, end] = dates ?? [];
  return {
    from: start ? beijingDayStart({ year: start.year(), month: start.month() + 1, day: start.date() }) : undefined,
    to: end ? beijingDayEnd({ year: end.year(), month: end.month() + 1, day: end.date() }) : undefined,
  };
}

/** Filters of the audit log: action, object type, actor, organisation and Beijing date range. */
export function AuditFilters({ value, onChange }: { value: AuditFilter; onChange(next: AuditFilter): void }) {
  const { t, i18n } = useTranslation();
  const directory = useOrganisationDirectory();
  const users = useApiQuery<Page<User>>('/users', { limit: 500 });
  const english = i18n.language === 'en';

  return (
    <Space wrap className="filter-bar">
      <Input.Search
        allowClear
        placeholder={t('audit.filterAction')}
        aria-label={t('audit.filterAction')}
        onSearch={(action) => onChange({ ...value, action: action.trim() || undefined })}
        style={{ width: 200 }}
      />
      <Input.Search
        allowClear
        placeholder={t('audit.filterObjectType')}
        aria-label={t('audit.filterObjectType')}
        onSearch={(objectType) => onChange({ ...value, objectType: objectType.trim() || undefined })}
        style={{ width: 180 }}
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.filterActor')}
        aria-label={t('audit.filterActor')}
        value={value.actorUserId}
        onChange={(actorUserId) => onChange({ ...value, actorUserId })}
        loading={users.loading}
        style={{ width: 200 }}
        options={(users.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.filterOrganisation')}
        aria-label={t('audit.filterOrganisation')}
        value={value.organisationId}
        onChange={(organisationId) => onChange({ ...value, organisationId })}
        style={{ width: 240 }}
        options={directory.organisations.map((org) => ({ value: org.id, label: english ? org.nameEn : org.name }))}
      />
      <DatePicker.RangePicker
        aria-label={t('audit.filterDates')}
        placeholder={[t('audit.fromDate'), t('audit.toDate')]}
        onChange={(dates) => onChange({ ...value, ...rangeToInstants(dates) })}
      />
    </Space>
  );
}
