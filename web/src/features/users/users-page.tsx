import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ROLES, type Role, type User } from '../../../../src/contracts/identity';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { mayManageUsersOf } from '../../app/auth/scope-rules';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useOrganisationDirectory } from '../../app/reference/organisations';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { CreateUserModal } from './create-user-modal';
import { RoleTags, UserStatusTag } from './user-tags';
import { useCodeLabel } from '../../app/format/use-code-label';

interface UserFilter {
  q?: string;
  organisationId?: string;
  role?: Role;
}

/** 用户管理: users the caller may see, filterable; create for those allowed. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const directory = useOrganisationDirectory();
  const [filter, setFilter] = useState<UserFilter>({});
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [creating, setCreating] = useState(false);
  const query = useApiQuery<Page<User>>('/users', { ...filter, ...toLimitOffset(paging) });
  const english = i18n.language === 'en';
  const roleLabel = useCodeLabel('users.roles');

  const changeFilter = (next: UserFilter) => {
    setFilter(next);
    setPaging((current) => ({ ...current, current: 1 }));
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', render: (username: string, user) => <Link to={`/admin/users/${user.id}`}>{username}</Link> },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.organisation'), dataIndex: 'organisationId', render: (id: string) => directory.nameOf(id) },
    { title: t('users.rolesLabel'), dataIndex: 'roles', render: (roles: Role[]) => <RoleTags roles={roles} /> },
    { title: t('users.statusLabel'), key: 'status', render: (_, user) => <UserStatusTag user={user} /> },
    { title: t('users.lastLoginBeijing'), dataIndex: 'lastLoginAt', render: formatBeijingTime, width: 180 },
  ];

  return (
    <>
      <PageTitle
        title={t('users.title')}
        extra={
          mayManageUsersOf(me, me.organisation.id) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="filter-bar">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            onSearch={(q) => changeFilter({ ...filter, q: q.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.filterOrganisation')}
            aria-label={t('users.filterOrganisation')}
            value={filter.organisationId}
            onChange={(organisationId) => changeFilter({ ...filter, organisationId })}
            style={{ width: 260 }}
            options={directory.organisations.map((org) => ({ value: org.id, label: english ? org.nameEn : org.name }))}
          />
          <Select<Role>
            allowClear
            placeholder={t('users.filterRole')}
            aria-label={t('users.filterRole')}
            value={filter.role}
            onChange={(role) => changeFilter({ ...filter, role })}
            style={{ width: 180 }}
            options={ROLES.map((role) => ({ value: role, label: roleLabel(role) }))}
          />
        </Space>
        {query.error && !query.data ? (
          <LoadFailedResult error={query.error} onRetry={query.reload} />
        ) : (
          <Table<User>
            rowKey="id"
            loading={query.loading}
            columns={columns}
            dataSource={query.data?.items ?? []}
            onRow={(user) => ({ onDoubleClick: () => void navigate(`/admin/users/${user.id}`) })}
            pagination={{
              current: paging.current,
              pageSize: paging.pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            onChange={(pagination) => setPaging({ current: pagination.current ?? 1, pageSize: pagination.pageSize ?? FIRST_PAGE.pageSize })}
          />
        )}
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          void navigate(`/admin/users/${user.id}`);
        }}
      />
    </>
  );
}
