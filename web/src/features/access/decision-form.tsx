import { App, Button, Card, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessRequest, DecideAccessRequest } from '../../../../src/contracts/access';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';

interface Values {
  decision: DecideAccessRequest['decision'];
  fields?: string[];
  scopeCodes?: string[];
  reasons?: string;
}

/** 答复: approve, approve partially (narrow fields and/or rows) or refuse with reasons. */
export function DecisionForm({ request, onDecided }: { request: AccessRequest; onDecided(updated: AccessRequest): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  const [saving, setSaving] = useState(false);

  async function submit(values: Values) {
    setSaving(true);
    try {
      const reasons = values.reasons?.trim();
      const body: DecideAccessRequest = {
        decision: values.decision,
        ...(values.decision === 'partially_approve' && values.fields && values.fields.length > 0 ? { fields: values.fields } : {}),
        ...(values.decision === 'partially_approve' && values.scopeCodes && values.scopeCodes.length > 0 ? { scopeCodes: values.scopeCodes } : {}),
        ...(reasons ? { reasons } : {}),
      };
      const updated = await api.post<AccessRequest>(`/access-requests/${request.id}/decision`, body);
      void message.success(t('access.decision.done'));
      onDecided(updated);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('access.decision.title')} data-testid="decision-form" style={{ marginTop: 16 }}>
      <Form<Values> form={form} layout="vertical" initialValues={{ decision: 'approve' }} onFinish={(values) => void submit(values)}>
        <Form.Item name="decision" label={t('access.decision.decision')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'approve', label: <span data-testid="decision-approve">{t('access.decision.approve')}</span> },
              { value: 'partially_approve', label: <span data-testid="decision-partial">{t('access.decision.partial')}</span> },
              { value: 'refuse', label: <span data-testid="decision-refuse">{t('access.decision.refuse')}</span> },
            ]}
          />
        </Form.Item>
        {decision === 'partially_approve' && request.fields !== null && (
          <Form.Item name="fields" label={t('access.decision.fields')}>
            <Checkbox.Group data-testid="decision-fields" options={request.fields.map((field) => ({ value: field, label: field }))} />
          </Form.Item>
        )}
        {decision === 'partially_approve' && (
          <Form.Item name="scopeCodes" label={t('access.decision.scope')} extra={t('access.decision.scopeHelp')}>
            <Select data-testid="decision-scope" mode="tags" tokenSeparators={[',', ' ']} style={{ maxWidth: 360 }} />
          </Form.Item>
        )}
        <Form.Item
          name="reasons"
          label={t('access.decision.reasons')}
          rules={[{ required: decision !== 'approve', whitespace: true, message: t('access.decision.reasonsRequired') }, { max: 2000 }]}
        >
          <Input.TextArea data-testid="decision-reasons" rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="decision-submit">
          {t('access.decision.submit')}
        </Button>
      </Form>
    </Card>
  );
}
