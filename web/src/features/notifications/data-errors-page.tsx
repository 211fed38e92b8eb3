import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DATA_ERROR_STATUSES, type DataErrorReport, type DataErrorStatus } from '../../../../src/contracts/notifications';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { useOrganisationDirectory } from '../../app/reference/organisations';

const STATUS_COLOURS: Record<DataErrorStatus, string> = { open: 'red', acknowledged: 'gold', resolved: 'green', rejected: 'default' };
type Box = 'inbox' | 'outbox';

/** 数据纠错: reports on the organisation's datasets (to answer) and the reports it filed. */
export function DataErrorsPage() {
  const { t } = useTranslation();
  const directory = useOrganisationDirectory();
  const me = useMe();
  const errorText = useErrorText();
  const [box, setBox] = useState<Box>('inbox');
  const [status, setStatus] = useState<DataErrorStatus>();
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [answering, setAnswering] = useState<DataErrorReport>();
  const list = useApiQuery<Page<DataErrorReport>>('/data-errors', { box, status, ...toLimitOffset(paging) });
  const mayAnswer = me.permissions.includes('data:submit');

  return (
    <div data-testid="data-errors-page">
      <PageTitle title={t('notifications.dataErrors.title')} />
      <Tabs
        activeKey={box}
        onChange={(key) => (setBox(key as Box), setPaging(FIRST_PAGE))}
        items={[
          { key: 'inbox', label: <span data-testid="data-errors-inbox">{t('notifications.dataErrors.inbox')}</span> },
          { key: 'outbox', label: <span data-testid="data-errors-outbox">{t('notifications.dataErrors.outbox')}</span> },
        ]}
      />
      <Select<DataErrorStatus>
        allowClear
        style={{ minWidth: 180, marginBottom: 16 }}
        placeholder={t('notifications.dataErrors.allStatuses')}
        value={status}
        onChange={(value) => (setStatus(value), setPaging(FIRST_PAGE))}
        options={DATA_ERROR_STATUSES.map((value) => ({ value, label: t(`notifications.dataErrors.statuses.${value}`) }))}
      />
      {list.error && <Typography.Paragraph type="danger">{errorText(list.error)}</Typography.Paragraph>}
      <Table<DataErrorReport>
        data-testid="data-errors-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: paging.current,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (count) => t('notifications.dataErrors.total', { count }),
          onChange: (current, pageSize) => setPaging({ current, pageSize }),
        }}
        columns={[
          { key: 'dataset', title: t('notifications.dataErrors.dataset'), render: (_, row) => <Link to={`/sharing/datasets/${row.datasetId}`}>{row.datasetTitle}</Link> },
          {
            key: 'where',
            title: `${t('notifications.dataErrors.table')} / ${t('notifications.dataErrors.rowNo')} / ${t('notifications.dataErrors.field')}`,
            render: (_, row) => [row.tableName, row.rowNo, row.field].map((part) => part ?? '—').join(' / '),
          },
          { key: 'description', title: t('notifications.dataErrors.description'), dataIndex: 'description' },
          { key: 'reporter', title: t('notifications.dataErrors.reporter'), render: (_, r) => directory.localName(r.reporterOrganisationId, r.reporterOrganisationName) },
          { key: 'created', title: t('notifications.list.time'), render: (_, row) => formatBeijingTime(row.createdAt) },
          {
            key: 'due',
            title: t('notifications.dataErrors.due'),
            render: (_, row) => (
              <Space>
                {row.dueDate}
                {row.overdue && (
                  <Tag color="red" data-testid="data-error-overdue">
                    {t('notifications.dataErrors.overdue')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('notifications.dataErrors.status'),
            render: (_, row) => (
              <Tag data-testid="data-error-status" color={STATUS_COLOURS[row.status]}>
                {t(`notifications.dataErrors.statuses.${row.status}`)}
              </Tag>
            ),
          },
          { key: 'response', title: t('notifications.dataErrors.response'), render: (_, row) => row.response ?? '—' },
          {
            key: 'actions',
            render: (_, row) =>
              box === 'inbox' && mayAnswer && (row.status === 'open' || row.status === 'acknowledged') ? (
                <Button size="small" data-testid="data-error-answer" onClick={() => setAnswering(row)}>
                  {t('notifications.dataErrors.answer')}
                </Button>
              ) : null,
          },
        ]}
      />
      {answering && <AnswerModal report={answering} onClose={(changed) => (setAnswering(undefined), changed && list.reload())} />}
    </div>
  );
}

function AnswerModal({ report, onClose }: { report: DataErrorReport; onClose(changed: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ status: 'acknowledged' | 'resolved' | 'rejected'; response: string }>();
  const [busy, setBusy] = useState(false);
  const choices = (report.status === 'open' ? ['acknowledged', 'resolved', 'rejected'] : ['resolved', 'rejected']) as ('acknowledged' | 'resolved' | 'rejected')[];

  async function submit() {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/data-errors/${report.id}/answer`, values);
      void message.success(t('notifications.dataErrors.answered'));
      onClose(true);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('notifications.dataErrors.answerTitle')} onOk={() => void submit().catch(() => undefined)} okButtonProps={{ loading: busy, ...({ 'data-testid': 'data-error-answer-submit' } as Record<string, string>) }} onCancel={() => onClose(false)} destroyOnHidden>
      <Typography.Paragraph>{report.description}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ status: choices[0] }}>
        <Form.Item name="status" label={t('notifications.dataErrors.answerStatus')} rules={[{ required: true }]}>
          <Radio.Group options={choices.map((value) => ({ value, label: t(`notifications.dataErrors.statuses.${value}`) }))} />
        </Form.Item>
        <Form.Item name="response" label={t('notifications.dataErrors.response')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea data-testid="data-error-response" rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
