import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DUTY_CYCLES, type DataDuty, type DutyCycle, type ListDatasetsResponse } from '../../../../src/contracts/catalog';
import type { Organisation } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import type { Page } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { useErrorText } from '../../app/format/use-error-text';

interface DutyValues {
  datasetId: string;
  organisationId: string;
  cycle: DutyCycle;
  firstDueDate: Dayjs;
  note?: string;
}

/** 报送义务: who must supply which dataset and when; overdue first. The working group keeps it. */
export function DutiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const bilingual = useBilingual();
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<DutyValues>();
  const duties = useApiQuery<{ items: DataDuty[]; total: number; overdue: number }>('/duties', { limit: 200, ...(onlyOverdue ? { overdue: true } : {}) });
  // The register's keepers: dictionary:manage (the working group) or a member of the working group.
  const keeper = me.permissions.includes('dictionary:manage') || me.organisation.kind === 'working_group';
  const datasets = useApiQuery<ListDatasetsResponse>(keeper && adding ? '/datasets' : null, { status: 'published', limit: 500 });
  const organisations = useApiQuery<Page<Organisation>>(keeper && adding ? '/organisations' : null, { limit: 500 });

  async function create(values: DutyValues) {
    try {
      await api.post('/duties', { ...values, firstDueDate: values.firstDueDate.format('YYYY-MM-DD'), ...(values.note ? {} : { note: undefined }) });
      void message.success(t('catalog.duties.created'));
      setAdding(false);
      form.resetFields();
      duties.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  async function end(duty: DataDuty) {
    try {
      await api.patch(`/duties/${duty.id}`, { status: 'ended' });
      duties.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  return (
    <Card title={t('catalog.duties.title')} data-testid="duties-page">
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={onlyOverdue} onChange={setOnlyOverdue} data-testid="only-overdue" /> {t('catalog.duties.onlyOverdue')}
        {duties.data && duties.data.overdue > 0 && <Tag color="red" data-testid="overdue-count">{t('catalog.duties.overdueCount', { count: duties.data.overdue })}</Tag>}
        {keeper && <Button type="primary" onClick={() => setAdding(true)} data-testid="add-duty">{t('catalog.duties.add')}</Button>}
      </Space>
      <Table<DataDuty>
        rowKey="id"
        loading={duties.loading}
        dataSource={duties.data?.items ?? []}
        pagination={false}
        data-testid="duties-table"
        rowClassName={(d) => (d.overdue ? 'duty-overdue' : '')}
        columns={[
          { title: t('catalog.duties.dataset'), key: 'dataset', render: (_, d) => <Link to={`/sharing/datasets/${d.datasetId}`}><EnteredText text={bilingual(d.datasetTitleZh, d.datasetTitleEn)} /></Link> },
          { title: t('catalog.duties.organisation'), dataIndex: 'organisationName' },
          { title: t('catalog.duties.cycle'), key: 'cycle', render: (_, d) => t(`catalog.cycles.${d.cycle}`) },
          { title: t('catalog.duties.nextDue'), dataIndex: 'nextDueDate' },
          { title: t('catalog.duties.lastSupplied'), key: 'last', render: (_, d) => (d.lastSuppliedAt ? formatBeijingTime(d.lastSuppliedAt) : '—') },
          {
            title: t('catalog.duties.state'),
            key: 'state',
            render: (_, d) => (d.status === 'ended' ? <Tag>{t('catalog.duties.ended')}</Tag> : d.overdue ? <Tag color="red">{t('catalog.duties.overdue')}</Tag> : <Tag color="green">{t('catalog.duties.onTime')}</Tag>),
          },
          { title: t('catalog.duties.note'), dataIndex: 'note' },
          ...(keeper ? [{ title: '', key: 'end', render: (_: unknown, d: DataDuty) => d.status === 'active' && <Button size="small" onClick={() => void end(d)}>{t('catalog.duties.end')}</Button> }] : []),
        ]}
      />
      <Modal open={adding} title={t('catalog.duties.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} okText={t('catalog.duties.create')} okButtonProps={{ 'data-testid': 'create-duty' } as Record<`data-${string}`, string>}>
        <Form<DutyValues> form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ cycle: 'monthly' }}>
          <Form.Item label={t('catalog.duties.datasetId')} name="datasetId" rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" data-testid="duty-dataset" options={(datasets.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} ${bilingual(d.titleZh, d.titleEn)}` }))} />
          </Form.Item>
          <Form.Item label={t('catalog.duties.organisationId')} name="organisationId" rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" data-testid="duty-organisation" options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item label={t('catalog.duties.cycle')} name="cycle" rules={[{ required: true }]}>
            <Select options={DUTY_CYCLES.map((c) => ({ value: c, label: t(`catalog.cycles.${c}`) }))} />
          </Form.Item>
          <Form.Item label={t('catalog.duties.firstDueDate')} name="firstDueDate" rules={[{ required: true }]}>
            <DatePicker data-testid="duty-first-due" />
          </Form.Item>
          <Form.Item label={t('catalog.duties.note')} name="note">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
