import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from './create-token-modal';

/**
 * Shows a new token's secret, the only time it is ever visible, with a copy button. Closing
 * the dialog removes it from the page and from state.
 */
export function TokenSecretModal({ created, onClose }: { created: CreatedToken | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={created !== null}
      title={t('tokens.secretTitle', { name: created?.token.name ?? '' })}
      okText={t('tokens.secretSaved')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      // The secret must not linger in the page once the dialog is closed.
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 12 }} />
      {created && (
        <Typography.Paragraph
          className="secret-box mono"
          data-testid="token-secret"
          copyable={{ text: created.secret, tooltips: [t('common.copy'), t('common.copied')] }}
        >
          {created.secret}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary">{t('tokens.secretUsage')}</Typography.Text>
    </Modal>
  );
}
