import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_CODE_PATTERN, FIELD_TYPES, type FieldType } from '../../../../src/contracts/dataset-schema';
import type { CodeList, DataElement } from '../../../../src/contracts/dictionary';
import { api } from '../../app/api/api-client';
import type { Page } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useErrorText } from '../../app/format/use-error-text';

interface ElementFormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  definition?: string;
  type: FieldType;
  unit?: string;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
  precision?: number | null;
  codeList?: string | null;
}

const NUMERIC: readonly FieldType[] = ['integer', 'decimal'];
const TEXTUAL: readonly FieldType[] = ['string', 'text', 'code'];

/** Create (no `element`) or edit a data element; only the attributes that fit the type are shown. */
export function ElementFormModal({ open, element, onClose, onSaved }: { open: boolean; element?: DataElement; onClose(): void; onSaved(saved: DataElement): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ElementFormValues>();
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form);
  const codeLists = useApiQuery<Page<CodeList>>(open ? '/code-lists' : null, { limit: 500 });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (element) {
      form.setFieldsValue({
        code: element.code,
        nameZh: element.nameZh,
        nameEn: element.nameEn,
        definition: element.definition ?? '',
        type: element.type,
        unit: element.unit ?? '',
        min: element.min,
        max: element.max,
        maxLength: element.maxLength,
        precision: element.precision,
        codeList: element.codeList,
      });
    }
  }, [open, element, form]);

  async function save() {
    const values = await form.validateFields();
    const fits = {
      unit: NUMERIC.includes(values.type) && values.unit?.trim() ? values.unit.trim() : null,
      min: NUMERIC.includes(values.type) ? (values.min ?? null) : null,
      max: NUMERIC.includes(values.type) ? (values.max ?? null) : null,
      maxLength: TEXTUAL.includes(values.type) ? (values.maxLength ?? null) : null,
      precision: values.type === 'decimal' ? (values.precision ?? null) : null,
      codeList: values.type === 'code' ? (values.codeList ?? null) : null,
      definition: values.definition?.trim() ? values.definition.trim() : null,
    };
    setBusy(true);
    try {
      const saved = element
        ? await api.patch<DataElement>(`/data-elements/${element.code}`, { revision: element.revision, nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), type: values.type, ...fits })
        : await api.post<DataElement>('/data-elements', { code: values.code.trim(), nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), type: values.type, ...fits });
      void message.success(element ? t('dictionary.elements.saved', { revision: saved.revision }) : t('dictionary.elements.created', { code: saved.code }));
      onSaved(saved);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const listOptions = (codeLists.data?.items ?? []).map((list) => ({ value: list.code, label: `${list.code} · ${i18n.language === 'en' ? list.nameEn : list.nameZh}` }));

  return (
    <Modal
      open={open}
      title={element ? t('dictionary.elements.editTitle', { code: element.code }) : t('dictionary.elements.createTitle')}
      confirmLoading={busy}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      forceRender
      width={640}
    >
      <Form form={form} layout="vertical" data-testid="element-form" initialValues={{ type: 'string' }}>
        <Form.Item name="code" label={t('dictionary.elements.code')} extra={t('dictionary.elements.codeRule')} rules={[{ required: true }, { pattern: new RegExp(DICTIONARY_CODE_PATTERN), message: t('dictionary.elements.codeRule') }]}>
          <Input data-testid="element-code" disabled={element !== undefined} maxLength={64} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('dictionary.elements.nameZh')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="element-name-zh" maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('dictionary.elements.nameEn')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="element-name-en" maxLength={100} />
        </Form.Item>
        <Form.Item name="definition" label={t('dictionary.elements.definition')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="type" label={t('dictionary.elements.type')} rules={[{ required: true }]}>
          <Select data-testid="element-type" options={FIELD_TYPES.map((value) => ({ value, label: `${t(`dictionary.types.${value}`)} (${value})` }))} />
        </Form.Item>
        {type !== undefined && NUMERIC.includes(type) && (
          <>
            <Form.Item name="unit" label={t('dictionary.elements.unit')} rules={[{ max: 20 }]}>
              <Input data-testid="element-unit" maxLength={20} />
            </Form.Item>
            <Form.Item label={t('dictionary.elements.range')}>
              <Space.Compact>
                <Form.Item name="min" noStyle>
                  <InputNumber data-testid="element-min" placeholder="min" />
                </Form.Item>
                <Form.Item name="max" noStyle>
                  <InputNumber data-testid="element-max" placeholder="max" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </>
        )}
        {type === 'decimal' && (
          <Form.Item name="precision" label={t('dictionary.elements.precision')}>
            <InputNumber data-testid="element-precision" min={0} max={12} precision={0} />
          </Form.Item>
        )}
        {type !== undefined && TEXTUAL.includes(type) && (
          <Form.Item name="maxLength" label={t('dictionary.elements.maxLength')}>
            <InputNumber min={1} max={100000} precision={0} />
          </Form.Item>
        )}
        {type === 'code' && (
          <Form.Item name="codeList" label={t('dictionary.elements.codeList')} rules={[{ required: true }]}>
            <Select data-testid="element-code-list" showSearch options={listOptions} loading={codeLists.loading} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
