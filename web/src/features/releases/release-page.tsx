import { Alert, App, Button, Card, Descriptions, Form, Input, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ReleaseDetail, ReleaseRowsPage, ReviewEntry } from '../../../../src/contracts/releases';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { ReleaseStatusTag } from './badges';
import { attachFile } from './file-upload';

/** One release: facts, receipt, rows (for the two parties), the review thread and the custodian's decision. */
export function ReleasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const detail = useApiQuery<ReleaseDetail>(`/releases/${id}`);
  const [text, setText] = useState('');
  const [decisionText, setDecisionText] = useState('');
  const [busy, setBusy] = useState(false);
  const data = detail.data;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      detail.reload();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  if (detail.error) return <Typography.Paragraph type="danger">{errorText(detail.error)}</Typography.Paragraph>;
  if (!data) return null;
  const { release } = data;
  const tables = Object.keys(release.tableCounts);
  return (
    <div data-testid="release-page">
      <PageTitle
        title={
          <>
            <EnteredText text={bilingual(data.dataset.titleZh, data.dataset.titleEn)} /> · {t('releases.review.detail', { sequence: release.sequence })}
          </>
        }
        extra={<ReleaseStatusTag status={release.status} />}
      />
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('releases.list.submittedBy')}>{release.submittedBy.name}</Descriptions.Item>
        <Descriptions.Item label={t('releases.list.submittedAt')}>{formatBeijingTime(release.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('releases.review.schema')}>v{release.schemaVersion}</Descriptions.Item>
        <Descriptions.Item label={t('releases.review.tables')}>
          {tables.map((table) => (
            <Tag key={table}>
              {table}: {release.tableCounts[table]}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('releases.review.digest')} span={2}>
          <Typography.Text code copyable data-testid="release-digest">
            {release.digest}
          </Typography.Text>
        </Descriptions.Item>
        {release.decidedBy && (
          <Descriptions.Item label={t('releases.review.decidedBy')} span={2}>
            {release.decidedBy.name} · {formatBeijingTime(release.decidedAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {data.can.readRows && (
        <Space style={{ marginBottom: 16 }}>
          <Button href={`/api/v1/releases/${release.id}/receipt`} data-testid="receipt-download">
            {t('releases.release.receipt')}
          </Button>
        </Space>
      )}
      {data.can.readRows && tables.length > 0 && (
        <Card size="small" title={t('releases.review.rowsPreview')} style={{ marginBottom: 16 }}>
          <Tabs items={tables.map((table) => ({ key: table, label: table, children: <RowsPreview releaseId={release.id} table={table} /> }))} />
        </Card>
      )}
      {data.can.review && (
        <Card size="small" title={t('releases.review.title')} style={{ marginBottom: 16 }} data-testid="decision-card">
          <Input.TextArea rows={2} maxLength={4000} placeholder={t('releases.review.correctionMessage')} value={decisionText} onChange={(event) => setDecisionText(event.target.value)} data-testid="decision-message" />
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" loading={busy} data-testid="decision-accept" onClick={() => void run(() => api.post(`/releases/${release.id}/decision`, { decision: 'accept', ...(decisionText.trim() ? { message: decisionText.trim() } : {}) }))}>
              {t('releases.review.accept')}
            </Button>
            <Button danger loading={busy} disabled={!decisionText.trim()} data-testid="decision-correction" onClick={() => void run(() => api.post(`/releases/${release.id}/decision`, { decision: 'request_correction', message: decisionText.trim() }))}>
              {t('releases.review.requestCorrection')}
            </Button>
          </Space>
        </Card>
      )}
      {data.can.readRows && (
        <Card size="small" title={t('releases.review.thread')}>
          <List<ReviewEntry>
            data-testid="review-thread"
            dataSource={data.thread}
            renderItem={(entry) => (
              <List.Item data-entry-kind={entry.kind}>
                <List.Item.Meta
                  title={
                    <Space>
                      <Tag>{t(`releases.review.kinds.${entry.kind}`)}</Tag>
                      <EnteredText text={entry.author.name} />
                      <Typography.Text type="secondary">{formatBeijingTime(entry.createdAt)}</Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      {entry.body && <Typography.Paragraph style={{ marginBottom: 4 }}>{entry.body}</Typography.Paragraph>}
                      {entry.attachments.map((attachment) => (
                        <div key={attachment.id}>
                          <a href={`/api/v1/releases/${release.id}/attachments/${attachment.id}`} data-testid="attachment-link">
                            {attachment.fileName}
                          </a>{' '}
                          <Typography.Text type="secondary">({Math.ceil(attachment.byteSize / 1024)} KB)</Typography.Text>
                        </div>
                      ))}
                      {entry.author.userId === me.user.id && (
                        <label style={{ cursor: 'pointer', color: '#1677ff' }}>
                          {t('releases.review.attach')}
                          <input
                            type="file"
                            hidden
                            data-testid="attach-file"
                            onChange={(event) => {
                              const file = event.target.files?.[0];
                              if (file) void run(async () => {
                                await attachFile(release.id, entry.id, file, me.csrfToken);
                                void message.success(t('releases.review.attached'));
                              });
                            }}
                          />
                        </label>
                      )}
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {data.can.post && (
            <Form layout="vertical" style={{ marginTop: 8 }}>
              <Form.Item label={t('releases.review.message')}>
                <Input.TextArea rows={2} maxLength={4000} value={text} onChange={(event) => setText(event.target.value)} data-testid="thread-message" />
              </Form.Item>
              <Button
                loading={busy}
                disabled={!text.trim()}
                data-testid="thread-post"
                onClick={() =>
                  void run(async () => {
                    await api.post(`/releases/${release.id}/messages`, { body: text.trim() });
                    setText('');
                  })
                }
              >
                {t('releases.review.post')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {!data.can.readRows && <Alert type="info" showIcon title={t(`releases.statuses.${release.status}`)} />}
    </div>
  );
}

function RowsPreview({ releaseId, table }: { releaseId: string; table: string }) {
  const page = useApiQuery<ReleaseRowsPage>(`/releases/${releaseId}/rows`, { table, limit: 100 });
  const rows = page.data?.items ?? [];
  const fields = rows.length > 0 ? Object.keys(rows[0]!.data) : [];
  return (
    <Table
      data-testid={`rows-${table}`}
      size="small"
      rowKey="rowNo"
      loading={page.loading}
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      columns={[{ key: 'no', title: '#', dataIndex: 'rowNo' }, ...fields.map((field) => ({ key: field, title: field, render: (_: unknown, row: ReleaseRowsPage['items'][number]) => String(row.data[field] ?? '') }))]}
    />
  );
}
