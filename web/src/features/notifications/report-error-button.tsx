import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';

interface ReportValues {
  tableName?: string;
  rowNo?: number;
  field?: string;
  description: string;
}

/** 报告数据错误: for the dataset page (and a row of a data view, with table/row/field filled in). */
export function ReportErrorButton({ datasetId, releaseId, initial }: { datasetId: string; releaseId?: string; initial?: Partial<ReportValues> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ReportValues>();

  async function submit() {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const body = Object.fromEntries(Object.entries({ datasetId, releaseId, ...values }).filter(([, value]) => value !== undefined && value !== ''));
      await api.post('/data-errors', body);
      void message.success(t('notifications.dataErrors.submitted'));
      setOpen(false);
      form.resetFields();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button data-testid="report-data-error" onClick={() => setOpen(true)}>
        {t('notifications.dataErrors.report')}
      </Button>
      <Modal open={open} title={t('notifications.dataErrors.reportTitle')} onOk={() => void submit().catch(() => undefined)} okText={t('notifications.dataErrors.submit')} okButtonProps={{ loading: busy, ...({ 'data-testid': 'report-data-error-submit' } as Record<string, string>) }} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item name="tableName" label={t('notifications.dataErrors.table')} rules={[{ pattern: /^[a-z][a-z0-9_]{0,62}$/ }]}>
            <Input data-testid="report-table" />
          </Form.Item>
          <Form.Item name="rowNo" label={t('notifications.dataErrors.rowNo')}>
            <InputNumber data-testid="report-row" min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="field" label={t('notifications.dataErrors.field')} rules={[{ pattern: /^[a-z][a-z0-9_]{0,62}$/ }]}>
            <Input data-testid="report-field" />
          </Form.Item>
          <Form.Item name="description" label={t('notifications.dataErrors.description')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea data-testid="report-description" rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
