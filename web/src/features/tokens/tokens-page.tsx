import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, Permission } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime, isFuture } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { CreateTokenModal, type CreatedToken } from './create-token-modal';
import { TokenSecretModal } from './token-secret-modal';
import { useCodeLabel } from '../../app/format/use-code-label';

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt) return <Tag>{t('tokens.status.revoked')}</Tag>;
  if (!isFuture(token.expiresAt)) return <Tag color="orange">{t('tokens.status.expired')}</Tag>;
  return <Tag color="green">{t('tokens.status.active')}</Tag>;
}

/** API 令牌: the user's tokens for machine clients; create (secret shown once) and revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const permissionLabel = useCodeLabel('permissions');
  const query = useApiQuery<{ items: ApiToken[] }>('/tokens');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const revoke = async (token: ApiToken) => {
    try {
      await api.post(`/tokens/${token.id}/revoke`);
      void message.success(t('tokens.revoked', { name: token.name }));
      query.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    { title: t('tokens.prefix'), dataIndex: 'prefix', render: (prefix: string) => <span className="mono">{prefix}…</span> },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: Permission[]) => (
        <Space size={[0, 4]} wrap>
          {scopes.map((scope) => (
            <Tag key={scope}>{permissionLabel(scope)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('tokens.statusLabel'), key: 'status', render: (_, token) => <TokenStatus token={token} /> },
    { title: t('tokens.expiresAtBeijing'), dataIndex: 'expiresAt', render: formatBeijingTime, width: 180 },
    { title: t('tokens.lastUsedBeijing'), dataIndex: 'lastUsedAt', render: formatBeijingTime, width: 180 },
    { title: t('common.createdAtBeijing'), dataIndex: 'createdAt', render: formatBeijingTime, width: 180 },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirmTitle')}
            description={t('tokens.revokeConfirmText', { name: token.name })}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke(token)}
          >
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('tokens.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        {query.error && !query.data ? (
          <LoadFailedResult error={query.error} onRetry={query.reload} />
        ) : (
          <Table<ApiToken> rowKey="id" loading={query.loading} columns={columns} dataSource={query.data?.items ?? []} pagination={false} />
        )}
      </Card>
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
          query.reload();
        }}
      />
      <TokenSecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
