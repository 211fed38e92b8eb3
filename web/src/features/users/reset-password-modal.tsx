import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';

interface FormValues {
  newPassword: string;
  confirm: string;
}

/** Sets a new password for another user (an administrator's reset). */
export function ResetPasswordModal({ user, open, onClose }: { user: User; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) form.resetFields();
  }, [open, form]);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/users/${user.id}/reset-password`, { newPassword: values.newPassword });
      void message.success(t('users.passwordReset', { username: user.username }));
      onClose();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.resetPasswordTitle', { username: user.username })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form<FormValues> form={form} layout="vertical">
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
      </Form>
    </Modal>
  );
}
