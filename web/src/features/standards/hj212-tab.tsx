import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hj212Decoded, Hj212DecodeRequest, Hj212DecodeResponse, Hj212DecodeResult, StandardsItemFailure } from '../../../../src/contracts/standards';
import { useCalculation, useReasonText } from './use-calculation';

function Validity({ ok }: { ok: boolean }) {
  const { t } = useTranslation();
  return ok ? <Tag color="green">{t('standards.valid')}</Tag> : <Tag color="red">{t('standards.invalid')}</Tag>;
}

/** The values area as a table: one row per pollutant code, one column per suffix found (Rtd, Avg, Flag …). */
function ValuesTable({ values }: { values: Hj212Decoded['values'] }) {
  const { t } = useTranslation();
  const suffixes = [...new Set(Object.values(values).flatMap((fields) => Object.keys(fields)))];
  const rows = Object.entries(values).map(([code, fields]) => ({ code, fields }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('standards.hj212.noValues')}</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="code"
      data-testid="hj212-values"
      dataSource={rows}
      columns={[
        { title: t('standards.hj212.code'), dataIndex: 'code', render: (code: string) => <span className="mono">{code}</span> },
        ...suffixes.map((suffix) => ({ title: suffix, key: suffix, render: (_: unknown, row: (typeof rows)[number]) => row.fields[suffix] ?? '' })),
      ]}
    />
  );
}

function DecodedPacket({ result }: { result: Hj212Decoded }) {
  const { t } = useTranslation();
  const dash = (value: string | number | null) => (value === null ? '—' : String(value));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('standards.hj212.crc')}>
          <span data-testid="hj212-crc">
            <Validity ok={result.crcValid} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.length')}>
          <span data-testid="hj212-length">
            <Validity ok={result.lengthValid} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.version')}>{result.version}</Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.qn')}>{dash(result.qn)}</Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.st')}>{dash(result.st)}</Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.cn')}>
          <span data-testid="hj212-cn">{dash(result.cn)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.pw')}>{dash(result.pw)}</Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.mn')}>
          <span className="mono" data-testid="hj212-mn">
            {dash(result.mn)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.flag')}>{dash(result.flag)}</Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.pnumPno')}>
          {result.pnum === null && result.pno === null ? '—' : `${dash(result.pnum)} / ${dash(result.pno)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.dataTime')}>{result.dataTime === null ? '—' : result.dataTime.slice(0, 19).replace('T', ' ')}</Descriptions.Item>
        <Descriptions.Item label={t('standards.hj212.cp')}>
          <span className="mono" data-testid="hj212-cp">
            {Object.entries(result.cp).map(([key, value]) => `${key}=${value}`).join('; ') || '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <ValuesTable values={result.values} />
      {result.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('standards.hj212.warnings')}
          description={
            <ul>
              {result.warnings.map((warning, i) => (
                <li key={i}>{`${warning.code}: ${warning.message}`}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}

function FailedPacket({ result }: { result: StandardsItemFailure }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return <Alert type="error" showIcon data-testid="hj212-error" message={t('standards.hj212.failed')} description={`${t('standards.reasonLabel')}: ${reasonText(result.error)}`} />;
}

/** HJ 212 报文解码: packets in a textarea, one card per packet. */
export function Hj212Tab() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [crcModbus, setCrcModbus] = useState(false);
  const [acceptLengthMismatch, setAcceptLengthMismatch] = useState(false);
  const { result, running, error, run } = useCalculation<Hj212DecodeRequest, Hj212DecodeResponse>('/standards/hj212/decode');
  const packets = text.split(/\r?\n/).filter((line) => line.trim() !== '');

  const decode = () => void run({ packets, ...(crcModbus ? { crcTolerance: 'modbus' } : {}), ...(acceptLengthMismatch ? { acceptLengthMismatch } : {}) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="vertical" onFinish={decode}>
        <Form.Item label={t('standards.hj212.packets')} extra={t('standards.hj212.packetsHelp')}>
          <Input.TextArea
            data-testid="hj212-input"
            className="mono"
            rows={5}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="##0101QN=…;ST=32;CN=1062;…;CP=&&…&&1C80"
            spellCheck={false}
          />
        </Form.Item>
        <Space wrap>
          <Checkbox checked={crcModbus} onChange={(event) => setCrcModbus(event.target.checked)}>
            {t('standards.hj212.crcModbus')}
          </Checkbox>
          <Checkbox checked={acceptLengthMismatch} onChange={(event) => setAcceptLengthMismatch(event.target.checked)}>
            {t('standards.hj212.acceptLengthMismatch')}
          </Checkbox>
          <Button type="primary" htmlType="submit" loading={running} disabled={packets.length === 0} data-testid="hj212-decode">
            {t('standards.hj212.decode')}
          </Button>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon message={t('standards.requestFailed', { reason: error })} />}
      {result === null ? (
        <Empty description={t('standards.noResult')} />
      ) : (
        result.results.map((item: Hj212DecodeResult, i) => (
          <Card
            key={i}
            size="small"
            data-testid="hj212-result"
            title={
              <Space>
                {t('standards.hj212.packetNo', { n: i + 1 })}
                {item.ok ? <Tag color="green">{t('standards.hj212.decoded')}</Tag> : <Tag color="red">{t('standards.hj212.failed')}</Tag>}
              </Space>
            }
          >
            {item.ok ? <DecodedPacket result={item} /> : <FailedPacket result={item} />}
          </Card>
        ))
      )}
    </Space>
  );
}
