import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { FORMAT_CATEGORIES, SHARING_CHANNELS, SHARING_MODES, type CreateDatasetRequest, type Dataset } from '../../../../src/contracts/catalog';
import { DATASET_THEMES, OPENNESS_TYPES, SECURITY_GRADES, SHARING_TYPES, UPDATE_CYCLES } from '../../../../src/contracts/sharing';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { EnteredText } from '../../app/format/entered-text';
import { useErrorText } from '../../app/format/use-error-text';

type Values = Omit<CreateDatasetRequest, 'temporalStart' | 'temporalEnd'> & { temporalStart?: Dayjs | null; temporalEnd?: Dayjs | null };

const DEFAULTS: Partial<Values> = {
  classification: { lei: { code: '3', name: '部门' }, xiang: { code: '', name: '' }, mu: { code: '001', name: '生态环境部门' } },
  keywords: [],
  spatialCoverage: [],
  relatedCodes: [],
  format: { category: 'spreadsheet', type: 'csv' },
  sharing: { type: 'unconditional', mode: 'platform', channel: 'api' },
  openness: { type: 'closed' },
  updateCycle: 'monthly',
  securityGrade: 'general',
};

/** Keywords are shown as typed (Chinese ones declared so). */
const enteredLabel = ({ value }: { value?: unknown }) => <EnteredText text={String(value ?? '')} />;

/** Create (draft) or edit a dataset's metadata; the server applies the guide's conditional rules. */
export function DatasetFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const existing = useApiQuery<Dataset>(id ? `/datasets/${id}` : null);
  const options = (values: readonly string[], section: string) => values.map((value) => ({ value, label: t(`catalog.${section}.${value}` as never) }));

  useEffect(() => {
    const d = existing.data;
    if (d === undefined) return;
    form.setFieldsValue({ ...d, temporalStart: d.temporalStart ? dayjs(d.temporalStart) : null, temporalEnd: d.temporalEnd ? dayjs(d.temporalEnd) : null } as unknown as Values);
  }, [existing.data, form]);

  async function submit(values: Values) {
    const classification = { ...values.classification, ...(values.classification.ximu?.code ? {} : { ximu: undefined }) };
    const body = {
      ...values,
      classification: JSON.parse(JSON.stringify(classification)) as Values['classification'],
      temporalStart: values.temporalStart ? values.temporalStart.format('YYYY-MM-DD') : null,
      temporalEnd: values.temporalEnd ? values.temporalEnd.format('YYYY-MM-DD') : null,
      sharing: JSON.parse(JSON.stringify({ ...values.sharing, condition: values.sharing.condition || undefined, channel: values.sharing.mode === 'platform' ? values.sharing.channel : undefined })) as Values['sharing'],
      openness: JSON.parse(JSON.stringify({ ...values.openness, condition: values.openness.condition || undefined })) as Values['openness'],
      updateCycleNote: values.updateCycleNote || null,
      localCode: values.localCode || null,
    };
    try {
      const saved = id ? await api.patch<Dataset>(`/datasets/${id}`, body) : await api.post<Dataset>('/datasets', body);
      void message.success(t('catalog.form.saved'));
      void navigate(`/sharing/datasets/${saved.id}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  const req = [{ required: true }];
  return (
    <Card title={t(id ? 'catalog.form.editTitle' : 'catalog.form.createTitle')} data-testid="dataset-form">
      <Form<Values> form={form} layout="vertical" initialValues={DEFAULTS} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          {(['lei', 'xiang', 'mu', 'ximu'] as const).map((level) => (
            <Col span={6} key={level}>
              <Form.Item label={t('catalog.form.levelCode', { level: t(`catalog.form.${level}`) })} name={['classification', level, 'code']} rules={level === 'ximu' ? [] : req}><Input data-testid={`class-${level}-code`} /></Form.Item>
              <Form.Item label={t('catalog.form.levelName', { level: t(`catalog.form.${level}`) })} name={['classification', level, 'name']} rules={level === 'ximu' ? [] : req}><Input data-testid={`class-${level}-name`} /></Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item label={t('catalog.form.titleZh')} name="titleZh" rules={req}><Input data-testid="titleZh" /></Form.Item></Col>
          <Col span={12}><Form.Item label={t('catalog.form.titleEn')} name="titleEn" rules={req}><Input data-testid="titleEn" /></Form.Item></Col>
          <Col span={12}><Form.Item label={t('catalog.form.descriptionZh')} name="descriptionZh" rules={req}><Input.TextArea rows={3} data-testid="descriptionZh" /></Form.Item></Col>
          <Col span={12}><Form.Item label={t('catalog.form.descriptionEn')} name="descriptionEn" rules={req}><Input.TextArea rows={3} data-testid="descriptionEn" /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.dataset.fields.theme')} name="theme" rules={req}><Select options={options(DATASET_THEMES, 'themes')} data-testid="theme" /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.dataset.fields.keywords')} name="keywords" help={t('catalog.form.keywordsHelp')}><Select mode="tags" open={false} data-testid="keywords" labelRender={enteredLabel} /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.dataset.fields.spatial')} name="spatialCoverage" help={t('catalog.form.spatialHelp')} rules={req}><Select mode="tags" open={false} data-testid="spatial" /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.temporalStart')} name="temporalStart"><DatePicker /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.temporalEnd')} name="temporalEnd"><DatePicker /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.formatCategory')} name={['format', 'category']} rules={req}><Select options={options(FORMAT_CATEGORIES, 'formats')} /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.formatType')} name={['format', 'type']} rules={req}><Input /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.sharingType')} name={['sharing', 'type']} rules={req}><Select options={options(SHARING_TYPES, 'sharingTypes')} data-testid="sharing-type" /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.sharingMode')} name={['sharing', 'mode']} rules={req}><Select options={options(SHARING_MODES, 'modes')} /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.form.sharingChannel')} name={['sharing', 'channel']}><Select allowClear options={options(SHARING_CHANNELS, 'channels')} /></Form.Item></Col>
          <Col span={6}><Form.Item label={t('catalog.dataset.fields.grade')} name="securityGrade" rules={req}><Select options={options(SECURITY_GRADES, 'grades')} /></Form.Item></Col>
          <Col span={24}><Form.Item label={t('catalog.form.sharingCondition')} name={['sharing', 'condition']}><Input.TextArea rows={2} data-testid="sharing-condition" /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.form.opennessType')} name={['openness', 'type']} rules={req}><Select options={options(OPENNESS_TYPES, 'openness')} /></Form.Item></Col>
          <Col span={16}><Form.Item label={t('catalog.form.opennessCondition')} name={['openness', 'condition']}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.dataset.fields.cycle')} name="updateCycle" rules={req}><Select options={options(UPDATE_CYCLES, 'cycles')} /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.form.cycleNote')} name="updateCycleNote"><Input /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.dataset.fields.localCode')} name="localCode"><Input /></Form.Item></Col>
          <Col span={8}><Form.Item label={t('catalog.dataset.fields.licence')} name="licence" rules={req}><Input data-testid="licence" /></Form.Item></Col>
          <Col span={16}><Form.Item label={t('catalog.dataset.fields.useTerms')} name="useTerms" rules={req}><Input data-testid="useTerms" /></Form.Item></Col>
          <Col span={24}><Form.Item label={t('catalog.dataset.fields.related')} name="relatedCodes"><Select mode="tags" open={false} /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" data-testid="save-dataset">{t('catalog.form.save')}</Button>
      </Form>
    </Card>
  );
}
