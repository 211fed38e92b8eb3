import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, type CreateOrganisationRequest, type Organisation, type UpdateOrganisationRequest } from '../../../../src/contracts/identity';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';
import type { DivisionProvince } from '../../app/reference/divisions';
import { useOrganisationDirectory } from '../../app/reference/organisations';
import { divisionOptions } from './division-options';
import { useCodeLabel } from '../../app/format/use-code-label';

/** GB 32100: 18 characters, digits and capital letters without I, O, S, V, Z. */
const USCC_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

interface FormValues {
  name: string;
  nameEn: string;
  kind?: CreateOrganisationRequest['kind'];
  divisionCode?: string;
  uscc?: string;
  parentId?: string;
}

export interface OrganisationFormModalProps {
  /** The organisation to edit; undefined to create a new one. */
  editing: Organisation | undefined;
  open: boolean;
  provinces: DivisionProvince[];
  onClose(): void;
  onSaved(organisation: Organisation): void;
}

/** Create an organisation, or edit the names and credit code of an existing one. */
export function OrganisationFormModal({ editing, open, provinces, onClose, onSaved }: OrganisationFormModalProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const directory = useOrganisationDirectory();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const english = i18n.language === 'en';
  const kindLabel = useCodeLabel('organisations.kinds');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ name: editing.name, nameEn: editing.nameEn, uscc: editing.uscc ?? undefined });
  }, [open, editing, form]);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const uscc = values.uscc?.trim() || undefined;
      const saved = editing
        ? await api.patch<Organisation>(`/organisations/${editing.id}`, {
            name: values.name.trim(),
            nameEn: values.nameEn.trim(),
            uscc: uscc ?? null,
          } satisfies UpdateOrganisationRequest)
        : await api.post<Organisation>('/organisations', {
            name: values.name.trim(),
            nameEn: values.nameEn.trim(),
            kind: values.kind!,
            divisionCode: values.divisionCode!,
            ...(uscc ? { uscc } : {}),
            ...(values.parentId ? { parentId: values.parentId } : {}),
          } satisfies CreateOrganisationRequest);
      void message.success(t(editing ? 'organisations.updated' : 'organisations.created'));
      onSaved(saved);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(editing ? 'organisations.editTitle' : 'organisations.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form<FormValues> form={form} layout="vertical" requiredMark>
        <Form.Item name="name" label={t('organisations.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('organisations.nameEn')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="kind" label={t('organisations.kind')} rules={[{ required: true }]}>
              <Select options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))} />
            </Form.Item>
            <Form.Item name="divisionCode" label={t('organisations.division')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={divisionOptions(provinces, english, t('divisions.region'))} />
            </Form.Item>
            <Form.Item name="parentId" label={t('organisations.parent')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={directory.loading}
                options={directory.organisations.map((org) => ({ value: org.id, label: english ? org.nameEn : org.name }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="uscc"
          label={t('organisations.uscc')}
          extra={t('organisations.usccHelp')}
          rules={[{ pattern: USCC_PATTERN, message: t('organisations.usccInvalid') }]}
        >
          <Input maxLength={18} className="mono" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
