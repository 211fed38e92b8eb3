import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../../../src/contracts/identity';
import { isFuture } from '../../app/format/beijing-time';
import { useCodeLabel } from '../../app/format/use-code-label';

const ROLE_COLOURS: Partial<Record<Role, string>> = {
  platform_admin: 'red',
  working_group_member: 'gold',
  org_admin: 'volcano',
  data_steward: 'blue',
  analyst: 'geekblue',
  inspector: 'purple',
};

/** A user's roles as tags. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const roleLabel = useCodeLabel('users.roles');
  return (
    <Space size={[0, 4]} wrap>
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLOURS[role]}>
          {roleLabel(role)}
        </Tag>
      ))}
    </Space>
  );
}

/** Active, disabled, or locked after too many failed sign-ins. */
export function UserStatusTag({ user }: { user: Pick<User, 'status' | 'lockedUntil'> }) {
  const { t } = useTranslation();
  if (user.status === 'disabled') return <Tag>{t('users.status.disabled')}</Tag>;
  if (isFuture(user.lockedUntil)) return <Tag color="orange">{t('users.status.locked')}</Tag>;
  return <Tag color="green">{t('users.status.active')}</Tag>;
}
