import { Alert, Button, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsccCheckRequest, UsccCheckResponse, UsccCheckResult } from '../../../../src/contracts/standards';
import { useCalculation, useReasonText } from './use-calculation';

/** 统一社会信用代码校验: codes one per line → one row each. */
export function UsccTab() {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const [text, setText] = useState('');
  const { result, running, error, run } = useCalculation<UsccCheckRequest, UsccCheckResponse>('/standards/uscc/check');
  const codes = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const yesNo = (ok: boolean) => (ok ? <Tag color="green">{t('standards.valid')}</Tag> : <Tag color="red">{t('standards.invalid')}</Tag>);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="vertical" onFinish={() => void run({ codes })}>
        <Form.Item label={t('standards.uscc.codes')}>
          <Input.TextArea data-testid="uscc-input" className="mono" rows={4} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={running} disabled={codes.length === 0} data-testid="uscc-check">
          {t('standards.uscc.check')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={t('standards.requestFailed', { reason: error })} />}
      {result && (
        <Table<UsccCheckResult>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          data-testid="uscc-results"
          dataSource={result.results}
          columns={[
            { title: t('standards.uscc.code'), dataIndex: 'code', render: (code: string) => <span className="mono">{code}</span> },
            { title: t('standards.uscc.valid'), dataIndex: 'valid', render: yesNo },
            { title: t('standards.uscc.orgCodeValid'), dataIndex: 'orgCodeValid', render: yesNo },
            { title: t('standards.reasonLabel'), dataIndex: 'error', render: (e: UsccCheckResult['error']) => (e === null ? '—' : reasonText(e)) },
          ]}
        />
      )}
    </Space>
  );
}
