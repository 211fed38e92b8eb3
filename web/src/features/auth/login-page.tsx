import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { LanguageSwitch } from '../../app/shell/language-switch';

interface LoginForm {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/** The bilingual sign-in page. */
export function LoginPage() {
  const { t } = useTranslation();
  const { status, login } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  if (status === 'signed-in' && !submitting) return <Navigate to={next} replace />;

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await login(values.username.trim(), values.password);
      void navigate(next, { replace: true });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-page__top">
        <LanguageSwitch />
      </div>
      <main className="login-page__main">
        <Card className="login-page__card">
          <div className="login-page__title">
            <img src="/favicon.svg" alt="" width={48} height={48} />
            <Typography.Title level={3}>{t('app.name')}</Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {failure !== null && (
            <Alert type="error" showIcon title={errorText(failure)} data-testid="login-error" style={{ marginBottom: 16 }} />
          )}
          <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}
