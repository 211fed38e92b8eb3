import { Collapse, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dataset, DatasetSchemaVersion } from '../../../../src/contracts/catalog';
import type { DatasetSchemaDefinition, FieldDefinition } from '../../../../src/contracts/dataset-schema';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';

interface FieldRow extends FieldDefinition {
  table: string;
}

const fieldsOf = (definition: unknown): FieldRow[] => ((definition as DatasetSchemaDefinition).tables ?? []).flatMap((table) => table.fields.map((field) => ({ ...field, table: table.name })));

/** Field-level differences between two versions: added, removed and changed fields. */
export function schemaDiff(before: unknown, after: unknown): { kind: 'added' | 'removed' | 'changed'; key: string }[] {
  const was = new Map(fieldsOf(before).map((f) => [`${f.table}.${f.name}`, JSON.stringify(f)]));
  const now = new Map(fieldsOf(after).map((f) => [`${f.table}.${f.name}`, JSON.stringify(f)]));
  const diff: { kind: 'added' | 'removed' | 'changed'; key: string }[] = [];
  for (const [key, text] of now) {
    if (!was.has(key)) diff.push({ kind: 'added', key });
    else if (was.get(key) !== text) diff.push({ kind: 'changed', key });
  }
  for (const key of was.keys()) if (!now.has(key)) diff.push({ kind: 'removed', key });
  return diff;
}

const DIFF_COLOURS = { added: 'green', removed: 'red', changed: 'orange' } as const;

/** The dataset page's 数据结构 tab: every version with its field table and its diff to the one before. */
export function SchemaVersions({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const versions = useApiQuery<{ items: DatasetSchemaVersion[] }>(`/datasets/${dataset.id}/schemas`);
  const items = versions.data?.items ?? [];
  if (versions.data === undefined) return null;
  if (items.length === 0) return <Empty description={t('catalog.dataset.versions.none')} />;
  return (
    <Collapse
      data-testid="schema-versions"
      defaultActiveKey={items.find((v) => v.current)?.id}
      items={items.map((version, index) => {
        const previous = items[index + 1];
        const diff = previous ? schemaDiff(previous.definition, version.definition) : [];
        return {
          key: version.id,
          label: (
            <span>
              v{version.version} <Tag>{t(`catalog.dataset.schemaStatuses.${version.status}`)}</Tag>
              {version.current && <Tag color="blue">{t('catalog.dataset.versions.current')}</Tag>}
              {version.publishedAt && <Typography.Text type="secondary">{formatBeijingTime(version.publishedAt)}</Typography.Text>}
            </span>
          ),
          children: (
            <div data-testid={`schema-version-${version.version}`}>
              {version.migrationNote && (
                <Typography.Paragraph>
                  {t('catalog.dataset.versions.note')}
                  {t('common.colon')}
                  <EnteredText text={version.migrationNote} />
                </Typography.Paragraph>
              )}
              {previous && (
                <Typography.Paragraph data-testid="schema-diff">
                  {t('catalog.dataset.versions.diffWith')}
                  {t('common.colon')}
                  {diff.length === 0 ? t('catalog.dataset.versions.noDiff') : diff.map((d) => <Tag key={d.key} color={DIFF_COLOURS[d.kind]}>{t(`catalog.dataset.versions.${d.kind}`)} {d.key}</Tag>)}
                </Typography.Paragraph>
              )}
              <Table<FieldRow>
                size="small"
                rowKey={(f) => `${f.table}.${f.name}`}
                pagination={false}
                dataSource={fieldsOf(version.definition)}
                columns={[
                  { title: t('catalog.schema.table'), dataIndex: 'table' },
                  { title: t('catalog.schema.name'), dataIndex: 'name' },
                  { title: t('catalog.schema.label'), key: 'label', render: (_, f) => <EnteredText text={bilingual(f.label.zh, f.label.en)} /> },
                  { title: t('catalog.schema.type'), dataIndex: 'type' },
                  { title: t('catalog.schema.required'), key: 'required', render: (_, f) => (f.required ? '✓' : '') },
                  { title: t('catalog.schema.unit'), dataIndex: 'unit' },
                ]}
              />
            </div>
          ),
        };
      })}
    />
  );
}
