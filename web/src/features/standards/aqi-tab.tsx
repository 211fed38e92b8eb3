import { Alert, Button, Col, Descriptions, Empty, Form, InputNumber, Radio, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AQI_KEYS, type AQI_RATED_KEYS, type AqiComputed, type AqiItem, type AqiKey, type AqiRequest, type AqiResponse } from '../../../../src/contracts/standards';
import { useCalculation, useReasonText } from './use-calculation';

/** Form field names: `PM2.5` would be read as a path, so every pollutant gets a plain name. */
const FIELD: Record<AqiKey, string> = { SO2: 'SO2', NO2: 'NO2', PM10: 'PM10', 'PM2.5': 'PM25', CO: 'CO', O3: 'O3', O3_8h: 'O3_8h' };

type RatedKey = (typeof AQI_RATED_KEYS)[number];

/** How a pollutant is written (chemical formulas are the same in both languages). */
const FORMULA: Record<RatedKey, string> = {
  SO2: 'SO₂',
  NO2: 'NO₂',
  PM10: 'PM₁₀',
  'PM2.5': 'PM₂.₅',
  CO: 'CO',
  O3: 'O₃',
  O3_8h: 'O₃',
  // HJ 633-2012 real-time 24 h sliding means (sent by API clients; the form asks for 1 h values).
  PM10_24h: 'PM₁₀ (24 h)',
  'PM2.5_24h': 'PM₂.₅ (24 h)',
};

interface AqiFormValues {
  standard: '2012' | '2026';
  mode: 'hourly' | 'daily';
  [field: string]: number | string | null | undefined;
}

/** Text on the official category colour: dark on green and yellow, white on the darker ones. */
function textColourOn(background: string): string {
  const hex = background.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#1f1f1f' : '#ffffff';
}

function usePollutantLabel() {
  const { t } = useTranslation();
  return (key: RatedKey) => (key === 'O3' ? t('standards.aqi.o3') : key === 'O3_8h' ? t('standards.aqi.o3_8h') : FORMULA[key]);
}

function AqiOutcome({ result, input }: { result: AqiComputed; input: AqiItem }) {
  const { t, i18n } = useTranslation();
  const label = usePollutantLabel();
  const category = i18n.language === 'en' ? result.categoryEn : result.category;
  const list = (keys: readonly RatedKey[]) => (keys.length === 0 ? t('standards.none') : keys.map((key) => label(key)).join('、'));
  const rows = AQI_KEYS.filter((key) => result.iaqi[key] !== undefined).map((key) => ({ key, concentration: input[key], iaqi: result.iaqi[key] }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="aqi-result">
      <Row gutter={24} align="middle">
        <Col>
          <Statistic title={t('standards.aqi.aqi')} value={result.aqi} valueRender={() => <span data-testid="aqi-value">{result.aqi}</span>} />
        </Col>
        <Col>
          <Statistic title={t('standards.aqi.level')} value={t('standards.aqi.levelValue', { level: result.level })} />
        </Col>
        <Col>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            {t('standards.aqi.category')}
          </Typography.Text>
          <Tag data-testid="aqi-category" style={{ background: result.color, color: textColourOn(result.color), borderColor: result.color, fontSize: 16, padding: '4px 12px' }}>
            {category}
          </Tag>
        </Col>
      </Row>
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('standards.aqi.primary')}>
          <span data-testid="aqi-primary">{list(result.primaryPollutants)}</span>
        </Descriptions.Item>
        {result.standard === '2012' && <Descriptions.Item label={t('standards.aqi.exceeding')}>{list(result.exceedingPollutants)}</Descriptions.Item>}
        <Descriptions.Item label={t('standards.aqi.standard')}>{`HJ 633-${result.standard} · ${t(result.mode === 'daily' ? 'standards.aqi.daily' : 'standards.aqi.hourly')}`}</Descriptions.Item>
      </Descriptions>
      {!result.aqiPublishable && <Alert type="info" showIcon message={t('standards.aqi.notPublishable')} />}
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        data-testid="aqi-iaqi"
        title={() => t('standards.aqi.iaqi')}
        dataSource={rows}
        columns={[
          { title: t('standards.aqi.pollutant'), dataIndex: 'key', render: (key: AqiKey) => label(key) },
          {
            title: t('standards.aqi.concentration'),
            key: 'concentration',
            render: (_, row) => `${row.concentration ?? ''} ${row.key === 'CO' ? t('standards.aqi.unitMg') : t('standards.aqi.unitUg')}`,
          },
          { title: 'IAQI', dataIndex: 'iaqi' },
        ]}
      />
      {result.notes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('standards.aqi.notes')}
          description={
            <ul>
              {result.notes.map((note, i) => (
                <li key={i}>{`${label(note.pollutant)}: ${note.message}`}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}

/** 空气质量指数: the pollutants of one hour or one day, the HJ 633 edition and the report type. */
export function AqiTab() {
  const { t } = useTranslation();
  const label = usePollutantLabel();
  const reasonText = useReasonText();
  const [form] = Form.useForm<AqiFormValues>();
  const { result, running, error, run } = useCalculation<AqiRequest, AqiResponse>('/standards/aqi');
  const [submitted, setSubmitted] = useState<AqiItem>({});

  const compute = (values: AqiFormValues) => {
    const item: AqiItem = {};
    for (const key of AQI_KEYS) {
      const value = values[FIELD[key]];
      if (typeof value === 'number') item[key] = value;
    }
    setSubmitted(item);
    void run({ standard: values.standard, mode: values.mode, items: [item] });
  };

  const outcome = result?.results[0];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form form={form} name="aqi" layout="vertical" initialValues={{ standard: '2026', mode: 'hourly' }} onFinish={compute}>
        <Row gutter={16}>
          <Col>
            <Form.Item name="standard" label={t('standards.aqi.standard')}>
              <Radio.Group optionType="button" data-testid="aqi-standard">
                <Radio.Button value="2012">{t('standards.aqi.standard2012')}</Radio.Button>
                <Radio.Button value="2026">{t('standards.aqi.standard2026')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col>
            <Form.Item name="mode" label={t('standards.aqi.mode')}>
              <Radio.Group optionType="button" data-testid="aqi-mode">
                <Radio.Button value="hourly">{t('standards.aqi.hourly')}</Radio.Button>
                <Radio.Button value="daily">{t('standards.aqi.daily')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {AQI_KEYS.map((key) => (
            <Col key={key} xs={12} md={8} xl={6}>
              <Form.Item name={FIELD[key]} label={label(key)}>
                <InputNumber
                  min={0}
                  max={100000}
                  style={{ width: '100%' }}
                  addonAfter={key === 'CO' ? t('standards.aqi.unitMg') : t('standards.aqi.unitUg')}
                  data-testid={`aqi-input-${FIELD[key]}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={running} data-testid="aqi-compute">
          {t('standards.aqi.compute')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={t('standards.requestFailed', { reason: error })} />}
      {outcome === undefined ? (
        <Empty description={t('standards.noResult')} />
      ) : outcome.ok ? (
        <AqiOutcome result={outcome} input={submitted} />
      ) : (
        <Alert type="error" showIcon data-testid="aqi-error" message={`${t('standards.reasonLabel')}: ${reasonText(outcome.error)}`} />
      )}
    </Space>
  );
}
