import { App, Card, Col, Descriptions, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../app/locale/locale';
import { useAuth, useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { useDivisions } from '../../app/reference/divisions';
import { PageTitle } from '../../app/shell/page-title';
import { RoleTags } from '../users/user-tags';
import { ChangePasswordForm } from './change-password-form';

/** 个人设置: who I am, my language, my password. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { setLocale } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const divisions = useDivisions();
  const english = i18n.language === 'en';

  const changeLocale = (locale: Locale) => {
    setLocale(locale)
      .then(() => void message.success(t('profile.languageSaved')))
      .catch((error: unknown) => void message.error(errorText(error)));
  };

  return (
    <>
      <PageTitle title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('profile.account')}>
            <Descriptions
              column={1}
              items={[
                { key: 'username', label: t('users.username'), children: me.user.username },
                { key: 'displayName', label: t('users.displayName'), children: me.user.displayName },
                { key: 'email', label: t('users.email'), children: me.user.email ?? '—' },
                { key: 'organisation', label: t('users.organisation'), children: english ? me.organisation.nameEn : me.organisation.name },
                { key: 'area', label: t('organisations.division'), children: divisions.nameOf(me.organisation.divisionCode) },
                { key: 'roles', label: t('users.rolesLabel'), children: <RoleTags roles={me.user.roles} /> },
                { key: 'lastLogin', label: t('users.lastLoginBeijing'), children: formatBeijingTime(me.user.lastLoginAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('profile.language')} style={{ marginBottom: 16 }}>
            <Radio.Group
              data-testid="profile-language"
              value={me.user.locale}
              onChange={(event) => changeLocale(event.target.value as Locale)}
              options={LOCALES.map((locale) => ({ value: locale, label: t(`shell.languages.${locale}`) }))}
            />
          </Card>
          <Card title={t('password.change')}>
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
    </>
  );
}
