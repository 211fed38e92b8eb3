import { BankOutlined } from '@ant-design/icons';
import { Layout, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/use-auth';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from './notification-bell';
import { UserMenu } from './user-menu';

/** Platform name, the user's organisation, language and the user menu. */
export function AppHeader() {
  const { t, i18n } = useTranslation();
  const { organisation } = useMe();
  const organisationName = i18n.language === 'en' ? organisation.nameEn : organisation.name;
  return (
    <Layout.Header className="app-header">
      <Link to="/" className="app-header__brand">
        <img src="/favicon.svg" alt="" className="app-header__logo" />
        <span data-testid="platform-name">{t('app.name')}</span>
      </Link>
      <Space size="middle" className="app-header__tools">
        <Typography.Text className="app-header__organisation" data-testid="organisation-name">
          <BankOutlined /> {organisationName}
        </Typography.Text>
        <NotificationBell />
        <LanguageSwitch />
        <UserMenu />
      </Space>
    </Layout.Header>
  );
}
