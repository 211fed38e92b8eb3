import { App, Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreateTokenRequest, Permission } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { useMe } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { useCodeLabel } from '../../app/format/use-code-label';

export interface CreatedToken {
  token: ApiToken;
  /** The full secret; the server never shows it again. */
  secret: string;
}

interface FormValues {
  name: string;
  scopes: Permission[];
  expiresInDays: number;
}

/** Creates an API token with scopes (a subset of the user's own permissions) and an expiry. */
export function CreateTokenModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(created: CreatedToken): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const permissionLabel = useCodeLabel('permissions');
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.setFieldsValue({ expiresInDays: 90, scopes: [] });
    else form.resetFields();
  }, [open, form]);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body: CreateTokenRequest = { name: values.name.trim(), scopes: values.scopes, expiresInDays: values.expiresInDays };
      onCreated(await api.post<CreatedToken>('/tokens', body));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form<FormValues> form={form} layout="vertical">
        <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHelp')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('tokens.scopes')}
          extra={t('tokens.scopesHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
        >
          <Checkbox.Group options={me.permissions.map((permission) => ({ value: permission, label: permissionLabel(permission) }))} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={366} precision={0} suffix={t('tokens.days')} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
