import { Alert, App, Button, Card, Checkbox, Input, List, Select, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { DatasetSchemaVersion } from '../../../../src/contracts/catalog';
import { FIELD_TYPES, type DatasetSchemaDefinition, type FieldDefinition, type SchemaProblem } from '../../../../src/contracts/dataset-schema';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { useErrorText } from '../../app/format/use-error-text';

const EMPTY: DatasetSchemaDefinition = { format: 1, tables: [{ name: 'records', label: { zh: '数据', en: 'Records' }, fields: [{ name: 'id', label: { zh: '编号', en: 'Id' }, type: 'string', required: true }] }] };

/**
 * 数据结构编辑: the draft version's tables as editable field tables, the custom rules as JSON,
 * the schema checker's problems, saving the draft and publishing it (with a migration note
 * from version 2 on).
 */
export function SchemaEditorPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const bilingual = useBilingual();
  const versions = useApiQuery<{ items: DatasetSchemaVersion[] }>(`/datasets/${id}/schemas`);
  const [definition, setDefinition] = useState<DatasetSchemaDefinition>();
  const [rulesText, setRulesText] = useState('[]');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<SchemaProblem[] | undefined>();
  const [jsonError, setJsonError] = useState<string>();
  const draft = versions.data?.items.find((v) => v.status === 'draft');

  useEffect(() => {
    if (versions.data === undefined || definition !== undefined) return;
    const start = draft ?? versions.data.items.find((v) => v.current);
    const loaded = (start?.definition as DatasetSchemaDefinition | undefined) ?? EMPTY;
    setDefinition(loaded);
    setRulesText(JSON.stringify(loaded.rules ?? [], null, 2));
    setNote(draft?.migrationNote ?? '');
  }, [versions.data, draft, definition]);

  if (definition === undefined) return null;

  /** The definition with the JSON rules, or undefined when the JSON does not parse. */
  function assembled(): DatasetSchemaDefinition | undefined {
    try {
      const rules = JSON.parse(rulesText) as DatasetSchemaDefinition['rules'];
      setJsonError(undefined);
      const { rules: _old, ...rest } = definition!;
      void _old;
      return Array.isArray(rules) && rules.length > 0 ? { ...rest, rules } : rest;
    } catch (error) {
      setJsonError(t('catalog.schema.jsonInvalid', { message: (error as Error).message }));
      return undefined;
    }
  }

  const setField = (tableIndex: number, fieldIndex: number, change: Partial<FieldDefinition>) =>
    setDefinition({ ...definition, tables: definition.tables.map((table, ti) => (ti !== tableIndex ? table : { ...table, fields: table.fields.map((f, fi) => (fi === fieldIndex ? { ...f, ...change } : f)) })) });
  const addField = (tableIndex: number) =>
    setDefinition({ ...definition, tables: definition.tables.map((table, ti) => (ti !== tableIndex ? table : { ...table, fields: [...table.fields, { name: `field_${table.fields.length + 1}`, label: { zh: '', en: '' }, type: 'string' }] })) });

  async function check() {
    const body = assembled();
    if (body === undefined) return;
    try {
      setProblems((await api.post<{ problems: SchemaProblem[] }>(`/datasets/${id}/schemas/check`, { definition: body })).problems);
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  async function save(): Promise<DatasetSchemaVersion | undefined> {
    const body = assembled();
    if (body === undefined) return undefined;
    try {
      const payload = { definition: body, ...(note.trim() ? { migrationNote: note.trim() } : {}) };
      const saved = draft ? await api.patch<DatasetSchemaVersion>(`/datasets/${id}/schemas/${draft.id}`, payload) : await api.post<DatasetSchemaVersion>(`/datasets/${id}/schemas`, payload);
      setProblems([]);
      void message.success(t('catalog.schema.draftSaved'));
      versions.reload();
      return saved;
    } catch (error) {
      const details = (error as { details?: { problems?: SchemaProblem[] } }).details;
      if (details?.problems) setProblems(details.problems);
      void message.error(errorText(error));
      return undefined;
    }
  }

  async function publish() {
    const saved = await save();
    if (saved === undefined) return;
    try {
      await api.post(`/datasets/${id}/schemas/${saved.id}/publish`);
      void message.success(t('catalog.schema.publishedOk'));
      versions.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  return (
    <Card title={`${t('catalog.schema.title')}${draft ? ` v${draft.version}` : ''}`} data-testid="schema-editor">
      <Tabs
        items={[
          {
            key: 'fields',
            label: t('catalog.schema.fieldsTab'),
            children: definition.tables.map((table, tableIndex) => (
              <div key={table.name} style={{ marginBottom: 16 }}>
                <Typography.Text strong>
                  {t('catalog.schema.table')}
                  {t('common.colon')}
                  {table.name} (<EnteredText text={bilingual(table.label.zh, table.label.en)} />)
                </Typography.Text>
                <Table<FieldDefinition>
                  size="small"
                  rowKey={(_, index) => String(index)}
                  pagination={false}
                  dataSource={table.fields}
                  data-testid={`fields-${table.name}`}
                  columns={[
                    { title: t('catalog.schema.name'), key: 'name', render: (_, f, i) => <Input value={f.name} data-testid={`field-name-${i}`} onChange={(e) => setField(tableIndex, i, { name: e.target.value })} /> },
                    { title: t('catalog.schema.labelZh'), key: 'zh', render: (_, f, i) => <Input value={f.label.zh} data-testid={`field-zh-${i}`} onChange={(e) => setField(tableIndex, i, { label: { ...f.label, zh: e.target.value } })} /> },
                    { title: t('catalog.schema.labelEn'), key: 'en', render: (_, f, i) => <Input value={f.label.en} data-testid={`field-en-${i}`} onChange={(e) => setField(tableIndex, i, { label: { ...f.label, en: e.target.value } })} /> },
                    { title: t('catalog.schema.type'), key: 'type', render: (_, f, i) => <Select value={f.type} style={{ width: 120 }} options={FIELD_TYPES.map((v) => ({ value: v, label: v }))} onChange={(type) => setField(tableIndex, i, { type })} /> },
                    { title: t('catalog.schema.required'), key: 'required', render: (_, f, i) => <Checkbox checked={f.required ?? false} onChange={(e) => setField(tableIndex, i, { required: e.target.checked })} /> },
                  ]}
                />
                <Button size="small" style={{ marginTop: 8 }} data-testid={`add-field-${table.name}`} onClick={() => addField(tableIndex)}>{t('catalog.schema.addField')}</Button>
              </div>
            )),
          },
          {
            key: 'rules',
            label: t('catalog.schema.jsonTab'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('catalog.schema.rulesHelp')}</Typography.Paragraph>
                <Input.TextArea rows={14} value={rulesText} onChange={(e) => setRulesText(e.target.value)} style={{ fontFamily: 'monospace' }} data-testid="rules-json" />
              </>
            ),
          },
        ]}
      />
      {jsonError && <Alert type="error" title={jsonError} style={{ marginTop: 12 }} data-testid="rules-json-error" />}
      {problems !== undefined && (
        <div data-testid="schema-problems" style={{ marginTop: 12 }}>
          <Alert type={problems.length === 0 ? 'success' : 'warning'} title={problems.length === 0 ? t('catalog.schema.noProblems') : t('catalog.schema.problems', { count: problems.length })} />
          <List size="small" dataSource={problems} renderItem={(p) => <List.Item><code>{p.path}</code> {i18n.language.startsWith('zh') ? p.messageZh : p.message}</List.Item>} />
        </div>
      )}
      <Input.TextArea rows={2} placeholder={t('catalog.schema.migrationNote')} value={note} onChange={(e) => setNote(e.target.value)} style={{ marginTop: 12 }} data-testid="migration-note" />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={() => void check()} data-testid="check-schema">{t('catalog.schema.check')}</Button>
        <Button onClick={() => void save()} data-testid="save-schema">{t('catalog.schema.saveDraft')}</Button>
        <Button type="primary" onClick={() => void publish()} data-testid="publish-schema">{t('catalog.schema.publish')}</Button>
      </Space>
    </Card>
  );
}
