import { App, Button, Checkbox, Form, Input, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationKind, Role, UpdateUserRequest, User } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { useMe } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { roleOptions } from './role-options';
import { useCodeLabel } from '../../app/format/use-code-label';

interface FormValues {
  displayName: string;
  email?: string;
  roles: Role[];
  status: User['status'];
}

/** Edits a user's name, e-mail, roles and status (roles and status not for one's own account). */
export function EditUserForm({ user, organisationKind, onSaved }: { user: User; organisationKind: OrganisationKind | undefined; onSaved(user: User): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const self = user.id === me.user.id;
  const roleLabel = useCodeLabel('users.roles');

  useEffect(() => {
    form.setFieldsValue({ displayName: user.displayName, email: user.email ?? undefined, roles: user.roles, status: user.status });
  }, [user, form]);

  const save = async (values: FormValues) => {
    setSaving(true);
    try {
      const body: UpdateUserRequest = {
        displayName: values.displayName.trim(),
        email: values.email?.trim() || null,
        ...(self ? {} : { roles: values.roles, status: values.status }),
      };
      const saved = await api.patch<User>(`/users/${user.id}`, body);
      void message.success(t('users.updated'));
      onSaved(saved);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  // A role the user already holds stays visible even if this admin could not grant it.
  const options = roleOptions(me, organisationKind, roleLabel);
  for (const role of user.roles) {
    if (!options.some((option) => option.value === role)) options.push({ value: role, label: roleLabel(role) });
  }

  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(values) => void save(values)} style={{ maxWidth: 640 }}>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('users.rolesLabel')}
        extra={self ? t('users.ownRolesFixed') : undefined}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
      >
        <Checkbox.Group options={options} disabled={self} />
      </Form.Item>
      <Form.Item name="status" label={t('users.statusLabel')}>
        <Radio.Group
          disabled={self}
          options={[
            { value: 'active', label: t('users.status.active') },
            { value: 'disabled', label: t('users.status.disabled') },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
