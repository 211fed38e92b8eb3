import { DownOutlined, GlobalOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/api-error';
import { useAuth, useMe } from '../auth/use-auth';
import { EnteredText } from '../format/entered-text';
import { LOCALES, type Locale } from '../locale/locale';

/** The signed-in user's menu: profile, language, sign out, sign out everywhere. */
export function UserMenu() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { logout, logoutEverywhere, setLocale } = useAuth();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();

  const signOut = async (everywhere: boolean) => {
    try {
      await (everywhere ? logoutEverywhere() : logout());
    } catch (error) {
      // The session is dropped locally either way; say so if the server did not confirm.
      if (error instanceof ApiError) void message.warning(error.textFor(i18n.language));
    }
    void navigate('/login', { replace: true });
  };

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('shell.profile') },
    {
      key: 'language',
      icon: <GlobalOutlined />,
      label: t('shell.language'),
      children: LOCALES.map((locale) => ({ key: `locale:${locale}`, label: <span lang={locale}>{t(`shell.languages.${locale}`)}</span> })),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout') },
    { key: 'logout-all', icon: <PoweroffOutlined />, label: t('shell.logoutEverywhere'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') void navigate('/profile');
    else if (key.startsWith('locale:')) void setLocale(key.slice('locale:'.length) as Locale).catch(() => undefined);
    else if (key === 'logout') void signOut(false);
    else if (key === 'logout-all') {
      modal.confirm({
        title: t('shell.logoutEverywhereConfirmTitle'),
        content: t('shell.logoutEverywhereConfirmText'),
        okText: t('shell.logoutEverywhere'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => signOut(true),
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick, selectable: false }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" icon={<UserOutlined />}>
        <EnteredText text={me.user.displayName} /> <DownOutlined />
      </Button>
    </Dropdown>
  );
}
