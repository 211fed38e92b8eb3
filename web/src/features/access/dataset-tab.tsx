import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccessRequest, CreateAccessRequest, EffectiveAccess } from '../../../../src/contracts/access';
import type { Dataset } from '../../../../src/contracts/catalog';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useErrorText } from '../../app/format/use-error-text';
import { useListText } from '../../app/format/use-list-text';

interface Values {
  purpose: string;
  legalBasis?: string;
  fields?: string[];
  scopeCodes?: string[];
  period: [Dayjs, Dayjs];
  retentionDays: number;
  onwardSharing: boolean;
  onwardSharingReason?: string;
}

/**
 * The dataset page's 共享 tab (imported by the catalog feature): the caller's effective access
 * and, where a request is possible, the access request form.
 */
export function AccessDatasetTab({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const listText = useListText();
  const [form] = Form.useForm<Values>();
  const onward = Form.useWatch('onwardSharing', form);
  const [sent, setSent] = useState<AccessRequest>();
  const [saving, setSaving] = useState(false);
  const access = useApiQuery<EffectiveAccess>(me.permissions.includes('data:read') ? `/shared-data/${dataset.id}/access` : null);
  const notShared = dataset.sharing.type === 'not_shared';
  const own = dataset.ownerOrganisationId === me.organisation.id;

  async function submit(values: Values) {
    setSaving(true);
    try {
      const body: CreateAccessRequest = {
        datasetId: dataset.id,
        purpose: values.purpose.trim(),
        ...(values.legalBasis?.trim() ? { legalBasis: values.legalBasis.trim() } : {}),
        ...(values.fields && values.fields.length > 0 ? { fields: values.fields } : {}),
        ...(values.scopeCodes && values.scopeCodes.length > 0 ? { scopeCodes: values.scopeCodes } : {}),
        useFrom: values.period[0].format('YYYY-MM-DD'),
        useUntil: values.period[1].format('YYYY-MM-DD'),
        retentionDays: values.retentionDays,
        onwardSharing: values.onwardSharing,
        ...(values.onwardSharing && values.onwardSharingReason?.trim() ? { onwardSharingReason: values.onwardSharingReason.trim() } : {}),
      };
      const created = await api.post<AccessRequest>('/access-requests', body);
      setSent(created);
      void message.success(t('access.form.submitted', { date: created.deadlineDate }));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div data-testid="access-dataset-tab">
      {access.data && (
        <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('access.grants.status')}>
            <Tag color={access.data.kind === 'none' ? 'default' : 'green'} data-testid="effective-access">
              {t(`access.effective.${access.data.kind}`)}
            </Tag>
            {access.data.until && formatBeijingTime(access.data.until)}
          </Descriptions.Item>
          {access.data.kind === 'granted' && (
            <Descriptions.Item label={t('access.grants.fields')}>{access.data.fields === null ? t('access.grants.all') : listText(access.data.fields)}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      {own ? (
        <Alert type="info" showIcon title={t('access.form.own')} />
      ) : dataset.sharing.type === 'unconditional' ? (
        <Alert type="success" showIcon title={t('access.form.notNeeded')} />
      ) : sent ? (
        <Alert
          type="success"
          showIcon
          data-testid="access-request-sent"
          title={<Link to={`/sharing/requests/${sent.id}`}>{t('access.form.submitted', { date: sent.deadlineDate })}</Link>}
        />
      ) : (
        me.permissions.includes('access:request') && (
          <Card title={t('access.form.title')} size="small">
            <Form<Values> form={form} layout="vertical" initialValues={{ retentionDays: 90, onwardSharing: false }} onFinish={(values) => void submit(values)}>
              <Form.Item name="purpose" label={t('access.form.purpose')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                <Input.TextArea data-testid="request-purpose" rows={2} maxLength={1000} />
              </Form.Item>
              <Form.Item name="legalBasis" label={t('access.form.legalBasis')} extra={notShared ? t('access.form.legalBasisHelp') : undefined} rules={[{ required: notShared, whitespace: true, max: 1000 }]}>
                <Input.TextArea data-testid="request-legal-basis" rows={2} maxLength={1000} />
              </Form.Item>
              {dataset.informationItems.length > 0 && (
                <Form.Item name="fields" label={t('access.form.fields')} extra={t('access.form.fieldsHelp')}>
                  <Checkbox.Group data-testid="request-fields" options={dataset.informationItems.map((item) => ({ value: `${item.table}.${item.name}`, label: <><EnteredText text={item.title} />{` (${item.table}.${item.name})`}</> }))} />
                </Form.Item>
              )}
              <Form.Item name="scopeCodes" label={t('access.form.scope')} extra={t('access.form.scopeHelp')} rules={[{ type: 'array', defaultField: { pattern: /^\d{6}$/ } }]}>
                <Select data-testid="request-scope" mode="tags" tokenSeparators={[',', ' ']} style={{ maxWidth: 360 }} />
              </Form.Item>
              <Form.Item name="period" label={t('access.form.period')} rules={[{ required: true }]}>
                <DatePicker.RangePicker data-testid="request-period" />
              </Form.Item>
              <Form.Item name="retentionDays" label={t('access.form.retention')} rules={[{ required: true }]}>
                <InputNumber min={0} max={3650} precision={0} />
              </Form.Item>
              <Form.Item name="onwardSharing" label={t('access.form.onwardSharing')} valuePropName="checked">
                <Switch />
              </Form.Item>
              {onward && (
                <Form.Item name="onwardSharingReason" label={t('access.form.onwardSharingReason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" loading={saving} data-testid="request-submit">
                {t('access.form.submit')}
              </Button>
            </Form>
          </Card>
        )
      )}
    </div>
  );
}
