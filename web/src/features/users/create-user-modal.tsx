import { App, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateUserRequest, Role, User } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { isPlatformAdmin } from '../../app/auth/scope-rules';
import { useMe } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { useOrganisationDirectory } from '../../app/reference/organisations';
import { roleOptions } from './role-options';
import { useCodeLabel } from '../../app/format/use-code-label';

/** Same rule as the API's Username schema. */
const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

interface FormValues {
  username: string;
  displayName: string;
  email?: string;
  organisationId: string;
  roles: Role[];
  password: string;
  locale: 'zh-CN' | 'en';
}

/** Creates a user account with its roles; platform admins choose any organisation, org admins their own. */
export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(user: User): void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const directory = useOrganisationDirectory();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const organisationId = Form.useWatch('organisationId', form);
  const organisationKind = directory.byId(organisationId)?.kind ?? (organisationId === me.organisation.id ? me.organisation.kind : undefined);
  const choosesOrganisation = isPlatformAdmin(me);
  const roleLabel = useCodeLabel('users.roles');

  useEffect(() => {
    if (open) form.setFieldsValue({ organisationId: me.organisation.id, roles: ['read_only'], locale: 'zh-CN' });
    else form.resetFields();
  }, [open, form, me.organisation.id]);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body: CreateUserRequest = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        organisationId: values.organisationId,
        roles: values.roles,
        password: values.password,
        locale: values.locale,
        ...(values.email?.trim() ? { email: values.email.trim() } : {}),
      };
      const user = await api.post<User>('/users', body);
      void message.success(t('users.created', { username: user.username }));
      onCreated(user);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const english = i18n.language === 'en';
  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      forceRender
      width={600}
    >
      <Form<FormValues> form={form} layout="vertical">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          rules={[{ required: true }, { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="organisationId" label={t('users.organisation')} rules={[{ required: true }]}>
          <Select
            disabled={!choosesOrganisation}
            showSearch={{ optionFilterProp: 'label' }}
            loading={directory.loading}
            options={
              choosesOrganisation
                ? directory.organisations.map((org) => ({ value: org.id, label: english ? org.nameEn : org.name }))
                : [{ value: me.organisation.id, label: english ? me.organisation.nameEn : me.organisation.name }]
            }
          />
        </Form.Item>
        <Form.Item name="roles" label={t('users.rolesLabel')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
          <Checkbox.Group options={roleOptions(me, organisationKind, roleLabel)} />
        </Form.Item>
        <Form.Item name="password" label={t('users.initialPassword')} extra={t('password.rules')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Radio.Group
            options={[
              { value: 'zh-CN', label: t('shell.languages.zh-CN') },
              { value: 'en', label: t('shell.languages.en') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
