import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogImportReport, CatalogImportRow } from '../../../../src/contracts/catalog';
import { ApiError } from '../../app/api/api-error';
import { useMe } from '../../app/auth/use-auth';
import { EnteredText } from '../../app/format/entered-text';
import { uploadCatalog } from './catalog-file-upload';
import './catalog.css';

/** The first columns of the guide's header row: literally Chinese in every file, so shown as such. */
const GUIDE_COLUMNS = '信息资源代码、类、项、目……';

const STATUS_COLOURS: Record<CatalogImportRow['status'], string> = { valid: 'green', invalid: 'red', imported: 'blue' };

/**
 * 导入目录: pick a provincial catalog file (XLSX with the guide's column names, or JSON), check it
 * (校验, a dry run that writes nothing), read the per-row report with the rows to fix
 * highlighted, then import it — all or nothing.
 */
export function CatalogImportModal({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const zh = i18n.language.startsWith('zh');
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<CatalogImportReport | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [onlyInvalid, setOnlyInvalid] = useState(false);
  const problemLabels = t('catalog.transfer.problems', { returnObjects: true }) as Record<string, string | undefined>;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setFailure(null);
    try {
      const answer = await uploadCatalog(file, { dryRun, csrfToken: me.csrfToken });
      setReport(answer);
      setOnlyInvalid(answer.invalid > 0 && answer.total > 20);
      if (answer.imported > 0) onImported();
    } catch (error) {
      setReport(null);
      setFailure(error instanceof ApiError ? error : ApiError.network(error));
    } finally {
      setBusy(null);
    }
  };

  const pick = (picked: File) => {
    setFile(picked);
    setReport(null);
    setFailure(null);
  };

  const canImport = report !== null && report.dryRun && report.invalid === 0;
  let outcome: { type: 'success' | 'error' | 'info'; text: string } | null = null;
  if (report) {
    if (report.invalid > 0) outcome = { type: 'error', text: t(report.dryRun ? 'catalog.transfer.checkFailed' : 'catalog.transfer.rejected', { invalid: report.invalid, total: report.total }) };
    else if (report.dryRun) outcome = { type: 'info', text: t('catalog.transfer.checkPassed', { total: report.total }) };
    else outcome = { type: 'success', text: t('catalog.transfer.imported', { count: report.imported }) };
  }
  const rows = report === null ? [] : onlyInvalid ? report.rows.filter((r) => r.status === 'invalid') : report.rows;

  return (
    <Modal open={open} onCancel={onClose} title={t('catalog.transfer.importTitle')} width={1000} destroyOnHidden footer={<Button onClick={onClose}>{t('catalog.transfer.close')}</Button>}>
      <div data-testid="catalog-import">
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('catalog.transfer.hint')} {t('catalog.transfer.columnsLabel')} <EnteredText text={GUIDE_COLUMNS} />
          </Typography.Paragraph>
          <Space wrap>
            <Upload accept=".xlsx,.json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/json" maxCount={1} showUploadList={false} beforeUpload={(picked) => (pick(picked), false)}>
              <Button icon={<UploadOutlined />} data-testid="catalog-import-choose">
                {t('catalog.transfer.chooseFile')}
              </Button>
            </Upload>
            {file && <Typography.Text data-testid="catalog-import-file">{file.name}</Typography.Text>}
            <Button disabled={!file} loading={busy === 'check'} onClick={() => void run(true)} data-testid="catalog-import-check">
              {t('catalog.transfer.check')}
            </Button>
            <Button type="primary" disabled={!canImport} loading={busy === 'import'} onClick={() => void run(false)} data-testid="catalog-import-run">
              {t('catalog.transfer.import')}
            </Button>
          </Space>
          {failure && <Alert type="error" showIcon title={failure.textFor(i18n.language)} data-testid="catalog-import-failure" />}
          {report && outcome && (
            <>
              <Alert type={outcome.type} showIcon title={outcome.text} data-testid="catalog-import-outcome" />
              {report.invalid > 0 && (
                <Checkbox checked={onlyInvalid} onChange={(event) => setOnlyInvalid(event.target.checked)} data-testid="catalog-import-only-invalid">
                  {t('catalog.transfer.onlyInvalid')}
                </Checkbox>
              )}
              <Table<CatalogImportRow>
                data-testid="catalog-import-report"
                size="small"
                rowKey="row"
                dataSource={rows}
                rowClassName={(row) => (row.status === 'invalid' ? 'catalog-import-invalid' : '')}
                pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { key: 'row', title: t('catalog.transfer.row'), dataIndex: 'sourceRow', width: 70 },
                  { key: 'code', title: t('catalog.search.code'), render: (_, row) => row.code || '—', width: 150 },
                  { key: 'title', title: t('catalog.search.name'), render: (_, row) => row.titleZh || '—' },
                  { key: 'status', title: t('catalog.transfer.status'), width: 100, render: (_, row) => <Tag color={STATUS_COLOURS[row.status]}>{t(`catalog.transfer.statuses.${row.status}`)}</Tag> },
                  {
                    key: 'problems',
                    title: t('catalog.transfer.problemsColumn'),
                    render: (_, row) =>
                      row.problems.length === 0 ? null : (
                        <ul className="catalog-import-problems">
                          {row.problems.map((problem, index) => (
                            <li key={index} title={problem.code}>
                              {problem.column && <Typography.Text strong><EnteredText text={problem.column} /></Typography.Text>} {problemLabels[problem.code] ?? problem.code}{t('common.colon')}{zh ? problem.messageZh : problem.message}
                            </li>
                          ))}
                        </ul>
                      ),
                  },
                ]}
              />
            </>
          )}
        </Space>
      </div>
    </Modal>
  );
}
