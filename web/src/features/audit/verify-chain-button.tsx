import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResponse } from '../../../../src/contracts/audit';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';

/** Recomputes the audit hash chain on the server and shows whether it is intact (platform admins). */
export function VerifyChainButton() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerifyResponse>();
  const [failure, setFailure] = useState<unknown>();

  const verify = async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      setResult(await api.get<AuditVerifyResponse>('/audit-events/verify'));
    } catch (error) {
      setResult(undefined);
      setFailure(error);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} loading={running} onClick={() => void verify()} data-testid="verify-chain">
        {t('audit.verify')}
      </Button>
      {result?.ok && <Alert type="success" showIcon title={t('audit.verifyOk', { count: result.checked })} data-testid="verify-result" />}
      {result && !result.ok && (
        <Alert
          type="error"
          showIcon
          data-testid="verify-result"
          title={t('audit.verifyBroken', { seq: result.firstBrokenSeq ?? '?', count: result.checked })}
          description={result.reason ?? undefined}
        />
      )}
      {failure !== undefined && <Alert type="error" showIcon title={errorText(failure)} />}
    </Space>
  );
}
