import { Alert, Button, Descriptions, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadReport, ValidationResult } from '../../../../src/contracts/releases';
import { FIRST_PAGE, toLimitOffset, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { SeverityTag } from './badges';

/** 校验报告: the upload, counts per rule × severity, paged per-row results, XLSX download. */
export function ValidationReportView({ initial }: { initial: UploadReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const { upload } = initial;
  const page = useApiQuery<UploadReport>(`/datasets/${upload.datasetId}/uploads/${upload.id}`, toLimitOffset(paging));
  const report = page.data ?? initial;
  return (
    <div data-testid="validation-report">
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('releases.report.rows')}>{upload.rowCount}</Descriptions.Item>
        <Descriptions.Item label={t('releases.wizard.mode')}>{t(`releases.modes.${upload.mode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('releases.list.status')}>
          <span data-testid="upload-status">{t(`releases.uploadStatuses.${upload.status}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('releases.list.submittedAt')}>{formatBeijingTime(upload.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('releases.review.schema')}>
          <span data-testid="report-schema-version">v{upload.schemaVersion}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('releases.uploads.file')}>{upload.fileName ?? upload.channel.toUpperCase()}</Descriptions.Item>
        <Descriptions.Item label={t('releases.report.count')} span={2}>
          <Space data-testid="report-counts">
            {(['BLOCKER', 'ERROR', 'WARNING', 'INFO'] as const).map((severity) => (
              <span key={severity}>
                <SeverityTag severity={severity} /> {upload.counts[severity]}
              </span>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {report.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('releases.report.problems')}
          data-testid="report-problems"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {report.problems.map((problem, index) => (
                <li key={index}>{en ? problem.message : problem.messageZh}</li>
              ))}
            </ul>
          }
        />
      )}
      {report.problems.length === 0 && report.results.total === 0 && <Alert type="success" showIcon title={t('releases.report.clean')} data-testid="report-clean" style={{ marginBottom: 16 }} />}
      {report.summary.length > 0 && (
        <>
          <Typography.Title level={5}>{t('releases.report.summary')}</Typography.Title>
          <Table
            data-testid="report-summary"
            size="small"
            rowKey={(row) => `${row.ruleCode}-${row.severity}`}
            pagination={false}
            dataSource={report.summary}
            style={{ marginBottom: 16, maxWidth: 480 }}
            columns={[
              { key: 'rule', title: t('releases.report.rule'), dataIndex: 'ruleCode' },
              { key: 'severity', title: t('releases.report.severity'), render: (_, row) => <SeverityTag severity={row.severity} /> },
              { key: 'count', title: t('releases.report.count'), dataIndex: 'count' },
            ]}
          />
          <Typography.Title level={5}>{t('releases.report.results')}</Typography.Title>
          <Table<ValidationResult>
            data-testid="report-results"
            size="small"
            rowKey="seq"
            loading={page.loading}
            dataSource={report.results.items}
            pagination={{ current: paging.current, pageSize: paging.pageSize, total: report.results.total, showTotal: (count) => t('releases.report.total', { count }), onChange: (current, pageSize) => setPaging({ current, pageSize }) }}
            columns={[
              { key: 'table', title: t('releases.wizard.table'), dataIndex: 'table' },
              { key: 'row', title: t('releases.report.row'), dataIndex: 'sourceRow' },
              { key: 'field', title: t('releases.report.field'), dataIndex: 'field' },
              { key: 'rule', title: t('releases.report.rule'), dataIndex: 'ruleCode' },
              { key: 'severity', title: t('releases.report.severity'), render: (_, row) => <SeverityTag severity={row.severity} /> },
              { key: 'message', title: t('releases.report.message'), render: (_, row) => (en ? row.message : row.messageZh) },
              { key: 'value', title: t('releases.report.value'), dataIndex: 'value' },
            ]}
          />
        </>
      )}
      <Button href={`/api/v1/datasets/${upload.datasetId}/uploads/${upload.id}/report.xlsx`} data-testid="report-download">
        {t('releases.report.download')}
      </Button>
    </div>
  );
}
