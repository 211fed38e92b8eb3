import { App, Button, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ActivityEntry, Dataset } from '../../../../src/contracts/catalog';
import { api } from '../../app/api/api-client';
import type { Page } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { useErrorText } from '../../app/format/use-error-text';
import { useListText } from '../../app/format/use-list-text';
import { AccessDatasetTab } from '../access/dataset-tab';
import { FollowButton } from '../notifications/follow-button';
import { ReportErrorButton } from '../notifications/report-error-button';
import { ReleasesDatasetTab } from '../releases/dataset-tab';
import { seesUploads, UploadsDatasetTab } from '../releases/uploads-tab';
import { metadataFieldLabel, useActivityDescription } from './activity-description';
import { FreshnessTag, SharingTag, StatusTag, useActivityKindLabel } from './labels';
import { SchemaVersions } from './schema-versions';

function Metadata({ dataset }: { dataset: Dataset }) {
  const { t, i18n } = useTranslation();
  const listText = useListText();
  const english = i18n.language === 'en';
  const c = dataset.classification;
  const f = (key: string) => t(`catalog.dataset.fields.${key}` as never);
  return (
    <Descriptions bordered size="small" column={2} data-testid="dataset-metadata">
      <Descriptions.Item label={f('code')}>{dataset.code}</Descriptions.Item>
      <Descriptions.Item label={f('localCode')}>{dataset.localCode ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={f('classification')} span={2}>{[c.lei, c.xiang, c.mu, c.ximu].filter(Boolean).map((l) => `${l!.code} ${l!.name}`).join(' / ')}</Descriptions.Item>
      <Descriptions.Item label={f('provider')}>{dataset.providerName}</Descriptions.Item>
      <Descriptions.Item label={f('providerCode')}>{dataset.providerCode ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={f('description')} span={2}>
        {/* Both halves, the reader's first. */}
        <EnteredText text={english ? dataset.descriptionEn : dataset.descriptionZh} />
        <br />
        <Typography.Text type="secondary"><EnteredText text={english ? dataset.descriptionZh : dataset.descriptionEn} /></Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={f('format')}>{t(`catalog.formats.${dataset.format.category}`)} / {dataset.format.type}</Descriptions.Item>
      <Descriptions.Item label={f('cycle')}>{t(`catalog.cycles.${dataset.updateCycle}`)}{dataset.updateCycleNote ? <> ({dataset.updateCycleNote})</> : ''}</Descriptions.Item>
      <Descriptions.Item label={f('sharing')} span={2}>
        <SharingTag type={dataset.sharing.type} /> {t(`catalog.modes.${dataset.sharing.mode}`)}{dataset.sharing.channel ? ` / ${t(`catalog.channels.${dataset.sharing.channel}`)}` : ''}
        {dataset.sharing.condition && <div>{dataset.sharing.condition}</div>}
      </Descriptions.Item>
      <Descriptions.Item label={f('openness')}>{t(`catalog.openness.${dataset.openness.type}`)}{dataset.openness.condition ? `${t('common.colon')}${dataset.openness.condition}` : ''}</Descriptions.Item>
      <Descriptions.Item label={f('grade')}>{t(`catalog.grades.${dataset.securityGrade}`)}</Descriptions.Item>
      <Descriptions.Item label={f('theme')}>{t(`catalog.themes.${dataset.theme}`)}</Descriptions.Item>
      <Descriptions.Item label={f('keywords')}>{dataset.keywords.map((k) => <Tag key={k}><EnteredText text={k} /></Tag>)}</Descriptions.Item>
      <Descriptions.Item label={f('spatial')}>{listText(dataset.spatialCoverage)}</Descriptions.Item>
      <Descriptions.Item label={f('temporal')}>{dataset.temporalStart ?? '…'} — {dataset.temporalEnd ?? '…'}</Descriptions.Item>
      <Descriptions.Item label={f('publishedAt')}>{dataset.publishedAt ? formatBeijingTime(dataset.publishedAt) : '—'}</Descriptions.Item>
      <Descriptions.Item label={f('lastRelease')}>{dataset.lastReleaseAt ? formatBeijingTime(dataset.lastReleaseAt) : '—'} <FreshnessTag freshness={dataset.freshness} /></Descriptions.Item>
      <Descriptions.Item label={f('related')}>{listText(dataset.relatedCodes) || '—'}</Descriptions.Item>
      <Descriptions.Item label={f('licence')}>{dataset.licence}</Descriptions.Item>
      <Descriptions.Item label={f('useTerms')} span={2}>{dataset.useTerms}</Descriptions.Item>
      <Descriptions.Item label={f('items')} span={2}>{listText(dataset.informationItems.map((i) => `${i.title} (${i.dataType}${i.length === null ? '' : `, ${i.length}`})`)) || '—'}</Descriptions.Item>
    </Descriptions>
  );
}

function Activity({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const activityKind = useActivityKindLabel();
  const describeActivity = useActivityDescription();
  const [page, setPage] = useState(1);
  const entries = useApiQuery<Page<ActivityEntry>>(`/datasets/${dataset.id}/activity`, { limit: 10, offset: (page - 1) * 10 });
  return (
    <Table<ActivityEntry>
      rowKey="id"
      size="small"
      data-testid="dataset-activity"
      loading={entries.loading}
      dataSource={entries.data?.items ?? []}
      pagination={{ current: page, pageSize: 10, total: entries.data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('catalog.dataset.activity.when'), key: 'when', render: (_, e) => formatBeijingTime(e.occurredAt), width: 170 },
        { title: t('catalog.dataset.activity.kind'), key: 'kind', width: 190, render: (_, e) => <Tag>{activityKind(e.kind)}</Tag> },
        { title: t('catalog.dataset.activity.who'), key: 'who', render: (_, e) => e.actorName ?? '—', width: 140 },
        {
          title: t('catalog.dataset.activity.what'),
          key: 'what',
          render: (_, e) => {
            const changes = (e.details as { changes?: { field: string; before: unknown; after: unknown }[] }).changes;
            return changes ? changes.map((c) => <div key={c.field}><b>{metadataFieldLabel(t, c.field)}</b>: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}</div>) : describeActivity(e);
          },
        },
      ]}
    />
  );
}

/** 数据资源: metadata, schema versions, activity, and the releases and access tabs of the other parts. */
export function DatasetPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const bilingual = useBilingual();
  const dataset = useApiQuery<Dataset>(`/datasets/${id}`);
  const d = dataset.data;
  if (d === undefined) return dataset.error ? <Typography.Text type="danger">{errorText(dataset.error)}</Typography.Text> : null;
  const owner = me.permissions.includes('catalog:manage') && me.organisation.id === d.ownerOrganisationId;
  const act = (path: string) => api.post(path).then(() => (dataset.reload(), undefined)).catch((e: unknown) => void message.error(errorText(e)));
  return (
    <div data-testid="dataset-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}><EnteredText text={bilingual(d.titleZh, d.titleEn)} /></Typography.Title>
        <StatusTag status={d.status} />
        {owner && d.status !== 'deprecated' && <Link to={`/sharing/datasets/${d.id}/edit`}><Button data-testid="edit-dataset">{t('catalog.dataset.edit')}</Button></Link>}
        {owner && d.status !== 'deprecated' && <Link to={`/sharing/datasets/${d.id}/schema`}><Button data-testid="edit-schema">{t('catalog.dataset.schemaEditor')}</Button></Link>}
        {owner && d.status === 'draft' && <Button type="primary" data-testid="publish-dataset" onClick={() => void act(`/datasets/${d.id}/publish`)}>{t('catalog.dataset.publish')}</Button>}
        {owner && d.status === 'published' && <Button danger data-testid="deprecate-dataset" onClick={() => void act(`/datasets/${d.id}/deprecate`)}>{t('catalog.dataset.deprecate')}</Button>}
        {d.status !== 'draft' && <FollowButton datasetId={d.id} />}
        {d.status !== 'draft' && me.permissions.includes('data:read') && <ReportErrorButton datasetId={d.id} />}
      </Space>
      {/* The other language's title, for readers who know the dataset by it. */}
      <Typography.Paragraph type="secondary"><EnteredText text={bilingual(d.titleZh, d.titleEn) === d.titleZh ? d.titleEn : d.titleZh} /></Typography.Paragraph>
      <Tabs
        items={[
          { key: 'metadata', label: t('catalog.dataset.tabs.metadata'), children: <Metadata dataset={d} /> },
          { key: 'schemas', label: t('catalog.dataset.tabs.schemas'), children: <SchemaVersions dataset={d} /> },
          { key: 'releases', label: t('catalog.dataset.tabs.releases'), children: <ReleasesDatasetTab dataset={d} /> },
          ...(seesUploads(me, d) ? [{ key: 'uploads', label: t('catalog.dataset.tabs.uploads'), children: <UploadsDatasetTab dataset={d} /> }] : []),
          { key: 'access', label: t('catalog.dataset.tabs.access'), children: <AccessDatasetTab dataset={d} /> },
          { key: 'activity', label: t('catalog.dataset.tabs.activity'), children: <Activity dataset={d} /> },
        ]}
      />
    </div>
  );
}
