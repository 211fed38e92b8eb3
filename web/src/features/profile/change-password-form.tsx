import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';

interface FormValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changes the signed-in user's own password (the current one is required). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  const save = async (values: FormValues) => {
    setSaving(true);
    try {
      await api.post('/auth/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      void message.success(t('password.changed'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(values) => void save(values)} style={{ maxWidth: 420 }}>
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" maxLength={256} />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true }]}>
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('password.change')}
      </Button>
    </Form>
  );
}
