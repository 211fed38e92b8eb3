import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { ImportReport, ImportRowError, IngestResult, Station } from '../../../../src/contracts/monitoring';
import { api } from '../../app/api/api-client';
import { ApiError } from '../../app/api/api-error';
import type { Page } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { PageTitle } from '../../app/shell/page-title';
import { uploadSamples } from './import-upload';
import './monitoring.css';
import { useParameterLabelWithCode } from './parameters';

type RowError = Static<typeof ImportRowError>;

/** A wall-clock time picked as Beijing time → the UTC instant (ISO), whatever the browser's zone. */
function beijingWallClockToIso(value: Dayjs): string {
  return new Date(Date.UTC(value.year(), value.month(), value.date(), value.hour(), value.minute()) - 8 * 3_600_000).toISOString();
}

/** 手工采样录入: one sample by form, or many from the Excel template with a dry run and a per-row error report. */
export function SamplesPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="samples-page">
      <PageTitle title={t('monitoring.samples.title')} />
      <Tabs
        items={[
          { key: 'form', label: t('monitoring.samples.formTab'), children: <SampleForm /> },
          { key: 'import', label: t('monitoring.samples.importTab'), children: <SampleImport /> },
        ]}
      />
    </div>
  );
}

function useWritableWaterStations(): Station[] {
  const me = useMe();
  const platformAdmin = me.user.roles.includes('platform_admin');
  const stations = useApiQuery<Page<Station>>('/stations', {
    kind: 'surface_water',
    status: 'active',
    ownerOrganisationId: platformAdmin ? undefined : me.organisation.id,
    limit: 500,
  });
  return useMemo(() => stations.data?.items ?? [], [stations.data]);
}

interface SampleFormValues {
  sampledAt?: Dayjs;
  values?: Record<string, number | null | undefined>;
  flags?: Record<string, string | undefined>;
}

function SampleForm() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { message } = App.useApp();
  const stations = useWritableWaterStations();
  const paramLabel = useParameterLabelWithCode();
  const [stationId, setStationId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<SampleFormValues>();
  const station = stations.find((s) => s.id === stationId);

  const submit = async (values: SampleFormValues) => {
    if (!station || !values.sampledAt) return;
    const entries = station.parameters
      .map((p) => ({ parameterCode: p.code, value: values.values?.[p.code], flag: values.flags?.[p.code]?.trim() }))
      .filter((v): v is { parameterCode: string; value: number; flag: string | undefined } => typeof v.value === 'number');
    if (entries.length === 0) {
      void message.warning(t('monitoring.samples.valuesRequired'));
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<Static<typeof IngestResult>>(`/stations/${station.id}/samples`, {
        sampledAt: beijingWallClockToIso(values.sampledAt),
        values: entries.map((e) => ({ parameterCode: e.parameterCode, value: e.value, ...(e.flag ? { flag: e.flag } : {}) })),
      });
      void message.success(t('monitoring.samples.saved', result));
      form.resetFields();
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : ApiError.network(failure);
      void message.error(error.textFor(i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Form<SampleFormValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
        <Form.Item label={t('monitoring.samples.station')} required>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('monitoring.samples.stationPlaceholder')}
            value={stationId}
            onChange={(id) => {
              setStationId(id);
              form.resetFields();
            }}
            notFoundContent={<Empty description={t('monitoring.samples.noStations')} />}
            options={stations.map((s) => ({
              value: s.id,
              label: `${s.code} · ${english ? s.nameEn : s.name}${s.subKind ? `（${t(`monitoring.subKinds.${s.subKind}`)}）` : ''}`,
            }))}
            data-testid="sample-station"
          />
        </Form.Item>
        {station && (
          <>
            <Form.Item name="sampledAt" label={t('monitoring.samples.sampledAt')} rules={[{ required: true, message: t('monitoring.samples.sampledAtRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="sample-time" />
            </Form.Item>
            <Typography.Title level={5}>{t('monitoring.samples.values')}</Typography.Title>
            {station.parameters.map((p) => (
              <Row key={p.code} gutter={12} align="middle">
                <Col span={14}>
                  <Form.Item name={['values', p.code]} label={paramLabel(p.code)}>
                    <InputNumber style={{ width: '100%' }} suffix={p.unit} data-testid={`sample-value-${p.code}`} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['flags', p.code]} label={t('monitoring.samples.flag')}>
                    <Input maxLength={2} placeholder="N" />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="sample-submit">
              {t('monitoring.samples.submit')}
            </Button>
          </>
        )}
      </Form>
    </Card>
  );
}

function SampleImport() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'dry' | 'import' | null>(null);
  const codeLabels = t('monitoring.importCodes', { returnObjects: true }) as Record<string, string | undefined>;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'import');
    setFailure(null);
    try {
      setReport(await uploadSamples(file, { dryRun, csrfToken: me.csrfToken }));
    } catch (error) {
      setReport(null);
      setFailure(error instanceof ApiError ? error : ApiError.network(error));
    } finally {
      setBusy(null);
    }
  };

  const checked = report !== null && report.dryRun;
  const canImport = checked && report.errors.length === 0 && report.rows > 0;

  let outcome: { type: 'success' | 'error' | 'info'; text: string } | null = null;
  if (report) {
    if (report.errors.length > 0) {
      outcome = { type: 'error', text: report.dryRun ? t('monitoring.samples.dryRunErrors', { count: report.errors.length }) : t('monitoring.samples.notImported') };
    } else if (report.dryRun) {
      outcome = { type: 'info', text: t('monitoring.samples.dryRunOk', { rows: report.rows }) };
    } else {
      outcome = { type: 'success', text: t('monitoring.samples.imported', { count: report.imported }) };
    }
  }

  return (
    <Card>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('monitoring.samples.templateHint')}
        </Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href="/api/v1/samples/template.xlsx" data-testid="import-template">
            {t('monitoring.samples.template')}
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(picked) => {
              setFile(picked);
              setReport(null);
              setFailure(null);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="import-choose">
              {t('monitoring.samples.chooseFile')}
            </Button>
          </Upload>
          {file && <Typography.Text data-testid="import-file">{t('monitoring.samples.file', { name: file.name })}</Typography.Text>}
          <Button disabled={!file} loading={busy === 'dry'} onClick={() => void run(true)} data-testid="import-dry-run">
            {t('monitoring.samples.dryRun')}
          </Button>
          <Button type="primary" disabled={!canImport} loading={busy === 'import'} onClick={() => void run(false)} data-testid="import-run">
            {t('monitoring.samples.import')}
          </Button>
        </Space>
        {failure && <Alert type="error" showIcon title={failure.textFor(i18n.language)} data-testid="import-failure" />}
        {report && outcome && (
          <>
            <Alert type={outcome.type} showIcon title={outcome.text} data-testid="import-outcome" />
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('monitoring.samples.rows')} value={report.rows} />
              </Col>
              <Col span={6}>
                <Statistic title={t('monitoring.samples.duplicates')} value={report.duplicates.length} />
              </Col>
              <Col span={6}>
                <Statistic title={t('monitoring.samples.errorsCount')} value={report.errors.length} />
              </Col>
            </Row>
            {report.errors.length > 0 && (
              <Table<RowError>
                data-testid="import-errors"
                title={() => t('monitoring.samples.errorTable')}
                size="small"
                rowKey={(e) => `${e.row}/${e.column}/${e.code}`}
                pagination={{ pageSize: 50, showSizeChanger: false }}
                dataSource={report.errors}
                columns={[
                  { key: 'row', title: t('monitoring.samples.row'), dataIndex: 'row', width: 80 },
                  { key: 'column', title: t('monitoring.samples.column'), dataIndex: 'column', width: 80 },
                  { key: 'code', title: t('monitoring.samples.code'), render: (_, e) => <span title={e.code}>{codeLabels[e.code] ?? e.code}</span> },
                  { key: 'message', title: t('monitoring.samples.message'), render: (_, e) => (zh ? e.messageZh : e.message) },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
