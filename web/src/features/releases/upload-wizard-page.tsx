import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Dataset, DatasetSchemaVersion } from '../../../../src/contracts/catalog';
import type { DatasetSchemaDefinition } from '../../../../src/contracts/dataset-schema';
import type { BlockerView, ReleaseDetail, Upload, UploadList, UploadMode, UploadReport } from '../../../../src/contracts/releases';
import { api } from '../../app/api/api-client';
import { ApiError } from '../../app/api/api-error';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { uploadFile } from './file-upload';
import { publishedVersions, SchemaVersionPicker } from './schema-version-picker';
import { ValidationReportView } from './validation-report';

/** 数据上传向导: choose table and mode → upload → validation report → fix and re-upload → release. */
export function UploadWizardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const me = useMe();
  const bilingual = useBilingual();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [step, setStep] = useState(0);
  const [table, setTable] = useState<string>();
  const [mode, setMode] = useState<UploadMode>('append');
  const [pickedVersion, setPickedVersion] = useState<number>();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<UploadReport>();
  const [note, setNote] = useState('');
  const [released, setReleased] = useState<ReleaseDetail>();
  const [blockers, setBlockers] = useState<BlockerView[]>();
  const dataset = useApiQuery<Dataset>(`/datasets/${id}`);
  const schemas = useApiQuery<{ items: DatasetSchemaVersion[] }>(`/datasets/${id}/schemas`);
  const pending = useApiQuery<UploadList>(step === 2 ? `/datasets/${id}/uploads` : null, { status: 'pending' });
  const published = publishedVersions(schemas.data?.items ?? []);
  const current = published.find((schema) => schema.current);
  // The current version unless the submitter keeps an older one for the collection under way.
  const schema = published.find((candidate) => candidate.version === pickedVersion) ?? current;
  const tables = (schema?.definition as DatasetSchemaDefinition | undefined)?.tables ?? [];

  function pickVersion(version: number) {
    setPickedVersion(version);
    const picked = published.find((candidate) => candidate.version === version);
    const names = ((picked?.definition as DatasetSchemaDefinition | undefined)?.tables ?? []).map((candidate) => candidate.name);
    if (table !== undefined && !names.includes(table)) setTable(undefined);
  }

  const templateQuery = (withTable: boolean) => {
    const params = new URLSearchParams(schema ? { schemaVersion: String(schema.version) } : {});
    if (withTable && table) params.set('table', table);
    return params.toString();
  };

  async function upload() {
    if (!file || !schema) return;
    setBusy(true);
    try {
      setReport(await uploadFile(id, file, { mode, table, schemaVersion: schema.version, csrfToken: me.csrfToken }));
      setStep(1);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function release() {
    setBusy(true);
    setBlockers(undefined);
    try {
      setReleased(await api.post<ReleaseDetail>(`/datasets/${id}/releases`, note.trim() ? { note: note.trim() } : {}));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'RELEASE_BLOCKED') setBlockers((error.details as { blockers: BlockerView[] }).blockers);
      else void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const title = dataset.data ? bilingual(dataset.data.titleZh, dataset.data.titleEn) : '';
  return (
    <div data-testid="upload-wizard">
      <PageTitle
        title={
          <>
            {t('releases.wizard.title')} · <EnteredText text={title} />
          </>
        }
      />
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('releases.wizard.stepFile') }, { title: t('releases.wizard.stepReport') }, { title: t('releases.wizard.stepRelease') }]}
      />
      {schemas.data && !current && <Alert type="warning" showIcon title={t('releases.wizard.noSchema')} />}
      {step === 0 && schema && (
        <Card size="small" title={t('releases.wizard.schemaVersion', { version: schema.version })}>
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label={t('releases.wizard.schemaVersionPick')} extra={t('releases.wizard.schemaVersionHelp')}>
              <SchemaVersionPicker versions={published} value={schema.version} onChange={pickVersion} />
            </Form.Item>
            <Form.Item label={t('releases.wizard.table')} extra={t('releases.wizard.tableHelp')}>
              <Select
                data-testid="upload-table"
                allowClear
                placeholder={t('releases.wizard.allTables')}
                value={table}
                onChange={setTable}
                options={tables.map((candidate) => ({ value: candidate.name, label: `${en ? candidate.label.en : candidate.label.zh} (${candidate.name})` }))}
              />
            </Form.Item>
            <Form.Item label={t('releases.wizard.mode')} extra={t('releases.wizard.modeHelp')}>
              <Radio.Group data-testid="upload-mode" value={mode} onChange={(event) => setMode(event.target.value as UploadMode)}>
                <Radio value="append">{t('releases.modes.append')}</Radio>
                <Radio value="replace">{t('releases.modes.replace')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('releases.wizard.file')}>
              <input data-testid="upload-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => setFile(event.target.files?.[0])} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" disabled={!file} loading={busy} onClick={() => void upload()} data-testid="upload-submit">
                {t('releases.wizard.upload')}
              </Button>
              <Button href={`/api/v1/datasets/${id}/template.xlsx?${templateQuery(false)}`} data-testid="template-xlsx">
                {t('releases.wizard.templateXlsx')}
              </Button>
              <Button href={`/api/v1/datasets/${id}/template.csv?${templateQuery(true)}`} data-testid="template-csv">
                {t('releases.wizard.templateCsv')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      {step === 1 && report && (
        <>
          <ValidationReportView key={report.upload.id} initial={report} />
          <Space style={{ marginTop: 16 }}>
            <Button data-testid="upload-again" onClick={() => setStep(0)}>
              {t('releases.wizard.uploadAgain')}
            </Button>
            <Button type="primary" data-testid="to-release" onClick={() => setStep(2)}>
              {t('releases.wizard.toRelease')}
            </Button>
          </Space>
        </>
      )}
      {step === 2 && (
        <Card size="small" title={t('releases.wizard.pendingTitle')}>
          <Table<Upload>
            data-testid="pending-uploads"
            size="small"
            rowKey="id"
            pagination={false}
            loading={pending.loading}
            dataSource={pending.data?.items ?? []}
            locale={{ emptyText: t('releases.wizard.pendingEmpty') }}
            columns={[
              { key: 'file', title: t('releases.wizard.file'), render: (_, upload) => upload.fileName ?? upload.channel },
              { key: 'tables', title: t('releases.wizard.table'), render: (_, upload) => upload.tables.join(', ') },
              { key: 'mode', title: t('releases.wizard.mode'), render: (_, upload) => t(`releases.modes.${upload.mode}`) },
              { key: 'schema', title: t('releases.review.schema'), render: (_, upload) => `v${upload.schemaVersion}` },
              { key: 'rows', title: t('releases.report.rows'), dataIndex: 'rowCount' },
              { key: 'blockers', title: t('releases.severities.BLOCKER'), render: (_, upload) => upload.counts.BLOCKER },
              { key: 'at', title: t('releases.list.submittedAt'), render: (_, upload) => formatBeijingTime(upload.createdAt) },
            ]}
          />
          {blockers && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 16 }}
              data-testid="release-blocked"
              title={t('releases.release.blocked')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {blockers.map((blocker, index) => (
                    <li key={index}>
                      {blocker.table} #{blocker.sourceRow ?? '-'} {blocker.ruleCode}: {en ? blocker.message : blocker.messageZh}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {released ? (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 16 }}
              data-testid="release-submitted"
              title={t('releases.release.submitted', { sequence: released.release.sequence })}
              description={
                <Space>
                  <Link to={`/sharing/releases/${released.release.id}`}>{t('releases.release.open')}</Link>
                  <a href={`/api/v1/releases/${released.release.id}/receipt`}>{t('releases.release.receipt')}</a>
                </Space>
              }
            />
          ) : (
            <Form layout="vertical" style={{ marginTop: 16, maxWidth: 560 }}>
              <Form.Item label={t('releases.release.note')}>
                <Input.TextArea data-testid="release-note" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
              </Form.Item>
              <Space>
                <Button data-testid="upload-again" onClick={() => setStep(0)}>
                  {t('releases.wizard.uploadAgain')}
                </Button>
                <Button type="primary" loading={busy} onClick={() => void release()} data-testid="release-submit">
                  {t('releases.release.submit')}
                </Button>
              </Space>
            </Form>
          )}
        </Card>
      )}
      {dataset.error && <Typography.Paragraph type="danger">{errorText(dataset.error)}</Typography.Paragraph>}
    </div>
  );
}
