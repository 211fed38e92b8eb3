import { ArrowLeftOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { User } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { mayManageUser } from '../../app/auth/scope-rules';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { useOrganisationDirectory } from '../../app/reference/organisations';
import { LoadFailedResult, PageLoading } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { EditUserForm } from './edit-user-form';
import { ResetPasswordModal } from './reset-password-modal';
import { RoleTags, UserStatusTag } from './user-tags';

/** One user: details, and for those allowed: edit roles/status, reset password, unlock. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const directory = useOrganisationDirectory();
  const query = useApiQuery<User>(`/users/${encodeURIComponent(id)}`);
  const [resetOpen, setResetOpen] = useState(false);

  const back = (
    <Link to="/admin/users">
      <Button icon={<ArrowLeftOutlined />}>{t('users.backToList')}</Button>
    </Link>
  );
  if (query.error) return <LoadFailedResult error={query.error} onRetry={query.reload} />;
  if (!query.data) return <PageLoading />;
  const user = query.data;
  const manageable = mayManageUser(me, user);

  const unlock = async () => {
    try {
      await api.post(`/users/${user.id}/unlock`);
      void message.success(t('users.unlocked', { username: user.username }));
      query.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <>
      <PageTitle
        title={`${user.displayName} (${user.username})`}
        extra={
          <Space>
            {back}
            {manageable && user.lockedUntil && (
              <Popconfirm title={t('users.unlockConfirm')} okText={t('users.unlock')} cancelText={t('common.cancel')} onConfirm={unlock}>
                <Button icon={<UnlockOutlined />}>{t('users.unlock')}</Button>
              </Popconfirm>
            )}
            {manageable && (
              <Button icon={<KeyOutlined />} onClick={() => setResetOpen(true)}>
                {t('users.resetPassword')}
              </Button>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          data-testid="user-details"
          items={[
            { key: 'username', label: t('users.username'), children: user.username },
            { key: 'displayName', label: t('users.displayName'), children: user.displayName },
            { key: 'organisation', label: t('users.organisation'), children: directory.nameOf(user.organisationId) },
            { key: 'email', label: t('users.email'), children: user.email ?? '—' },
            { key: 'roles', label: t('users.rolesLabel'), children: <RoleTags roles={user.roles} /> },
            { key: 'status', label: t('users.statusLabel'), children: <UserStatusTag user={user} /> },
            { key: 'locale', label: t('users.locale'), children: t(`shell.languages.${user.locale}`) },
            { key: 'lockedUntil', label: t('users.lockedUntilBeijing'), children: formatBeijingTime(user.lockedUntil) },
            { key: 'lastLoginAt', label: t('users.lastLoginBeijing'), children: formatBeijingTime(user.lastLoginAt) },
            { key: 'createdAt', label: t('common.createdAtBeijing'), children: formatBeijingTime(user.createdAt) },
          ]}
        />
      </Card>
      {manageable && (
        <Card title={t('users.editTitle')}>
          <EditUserForm user={user} organisationKind={directory.byId(user.organisationId)?.kind} onSaved={() => query.reload()} />
        </Card>
      )}
      <ResetPasswordModal user={user} open={resetOpen} onClose={() => setResetOpen(false)} />
    </>
  );
}
