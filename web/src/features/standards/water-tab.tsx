import { Alert, Button, Col, Descriptions, Empty, Form, InputNumber, Radio, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WATER_KEYS, type WaterClassAssessed, type WaterClassRequest, type WaterClassResponse, type WaterItemValues, type WaterKey } from '../../../../src/contracts/standards';
import { useCalculation, useReasonText } from './use-calculation';

type WaterClass = WaterClassAssessed['class'];

/** Tag colours by class, from clean (blue) to worse than V (red). */
const CLASS_COLOUR: Record<WaterClass, string> = { I: 'blue', II: 'cyan', III: 'green', IV: 'gold', V: 'orange', 劣V: 'red' };

/** Form field names: `NH3-N` is a valid name, but keep them plain like the AQI form. */
const field = (key: WaterKey) => key.replace('-', '_');

function ClassTag({ value, testId }: { value: WaterClass; testId?: string }) {
  return (
    <Tag color={CLASS_COLOUR[value]} data-testid={testId}>
      {value}
    </Tag>
  );
}

function useItemLabel() {
  const { t } = useTranslation();
  return (key: WaterKey) => t(`standards.water.items.${key}`);
}

function WaterOutcome({ result, input }: { result: WaterClassAssessed; input: WaterItemValues }) {
  const { t } = useTranslation();
  const label = useItemLabel();
  const itemRows = WATER_KEYS.filter((key) => result.itemClasses[key] !== undefined).map((key) => ({ key, value: input[key], itemClass: result.itemClasses[key]! }));
  const list = (keys: readonly WaterKey[]) => (keys.length === 0 ? t('standards.none') : keys.map(label).join('、'));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="water-result">
      <Row gutter={24} align="middle">
        <Col>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            {t('standards.water.class')}
          </Typography.Text>
          <Tag color={CLASS_COLOUR[result.class]} data-testid="water-class" style={{ fontSize: 16, padding: '4px 12px' }}>
            {result.class}
          </Tag>
        </Col>
        <Col>
          <Statistic title={t('standards.water.grade')} value={result.grade} />
        </Col>
      </Row>
      <Table
        size="small"
        pagination={false}
        rowKey="item"
        data-testid="water-main-pollutants"
        title={() => t('standards.water.mainPollutants')}
        dataSource={result.mainPollutants}
        locale={{ emptyText: t('standards.none') }}
        columns={[
          { title: t('standards.water.item'), dataIndex: 'item', render: (key: WaterKey) => label(key) },
          { title: t('standards.water.value'), dataIndex: 'value' },
          { title: t('standards.water.itemClass'), dataIndex: 'class', render: (value: WaterClass) => <ClassTag value={value} /> },
          { title: t('standards.water.classIIILimit'), dataIndex: 'classIIILimit' },
          { title: t('standards.water.exceedance'), dataIndex: 'exceedanceMultiple', render: (value: number) => t('standards.water.exceedanceValue', { value }) },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        data-testid="water-item-classes"
        title={() => t('standards.water.itemClasses')}
        dataSource={itemRows}
        columns={[
          { title: t('standards.water.item'), dataIndex: 'key', render: (key: WaterKey) => label(key) },
          { title: t('standards.water.value'), dataIndex: 'value' },
          { title: t('standards.water.itemClass'), dataIndex: 'itemClass', render: (value: WaterClass) => <ClassTag value={value} /> },
        ]}
      />
      {(result.referenceItems.length > 0 || result.unclassifiedItems.length > 0) && (
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={t('standards.water.referenceItems')}>{list(result.referenceItems)}</Descriptions.Item>
          <Descriptions.Item label={t('standards.water.unclassifiedItems')}>{list(result.unclassifiedItems)}</Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}

/** 地表水水质类别: GB 3838-2002 items of one sample and the water body. */
export function WaterTab() {
  const { t } = useTranslation();
  const label = useItemLabel();
  const reasonText = useReasonText();
  const { result, running, error, run } = useCalculation<WaterClassRequest, WaterClassResponse>('/standards/water-class');
  const [submitted, setSubmitted] = useState<WaterItemValues>({});

  const compute = (values: Record<string, unknown>) => {
    const item: WaterItemValues = {};
    for (const key of WATER_KEYS) {
      const value = values[field(key)];
      if (typeof value === 'number') item[key] = value;
    }
    setSubmitted(item);
    void run({ waterBody: values.waterBody as 'river' | 'lake', items: [item] });
  };
  const outcome = result?.results[0];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form name="water" layout="vertical" initialValues={{ waterBody: 'river' }} onFinish={compute}>
        <Form.Item name="waterBody" label={t('standards.water.waterBody')} extra={t('standards.water.itemsHelp')}>
          <Radio.Group optionType="button">
            <Radio.Button value="river">{t('standards.water.river')}</Radio.Button>
            <Radio.Button value="lake">{t('standards.water.lake')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          {WATER_KEYS.map((key) => (
            <Col key={key} xs={12} md={8} xl={4}>
              <Form.Item name={field(key)} label={label(key)}>
                <InputNumber min={0} max={10_000_000} style={{ width: '100%' }} data-testid={`water-input-${field(key)}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={running} data-testid="water-compute">
          {t('standards.water.compute')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={t('standards.requestFailed', { reason: error })} />}
      {outcome === undefined ? (
        <Empty description={t('standards.noResult')} />
      ) : outcome.ok ? (
        <WaterOutcome result={outcome} input={submitted} />
      ) : (
        <Alert type="error" showIcon data-testid="water-error" message={`${t('standards.reasonLabel')}: ${reasonText(outcome.error)}`} />
      )}
    </Space>
  );
}
