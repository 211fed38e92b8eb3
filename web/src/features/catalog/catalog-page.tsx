import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Dropdown, Input, Row, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dataset, DatasetFacets, ListDatasetsResponse } from '../../../../src/contracts/catalog';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { CatalogImportModal } from './catalog-import-modal';
import { FreshnessTag, SharingTag, StatusTag, useFacetLabel } from './labels';

type FacetName = keyof DatasetFacets;
const FACETS: FacetName[] = ['province', 'theme', 'sharingType', 'securityGrade', 'status', 'freshness'];

/** 数据目录: text search with facets whose counts follow the other picks. */
export function CatalogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const facetLabel = useFacetLabel();
  const bilingual = useBilingual();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Record<FacetName, string[]>>({ province: [], theme: [], sharingType: [], securityGrade: [], status: [], freshness: [] });
  const [page, setPage] = useState(1);
  const [importing, setImporting] = useState(false);
  const canManage = me.permissions.includes('catalog:manage');
  const query = Object.fromEntries(FACETS.filter((f) => picked[f].length > 0).map((f) => [f, picked[f].join(',')]));
  const result = useApiQuery<ListDatasetsResponse>('/datasets', { ...query, ...(q ? { q } : {}), limit: 20, offset: (page - 1) * 20 });

  return (
    <div data-testid="catalog-page">
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Input.Search placeholder={t('catalog.search.placeholder')} allowClear style={{ width: 420 }} data-testid="catalog-search" onSearch={(value) => (setQ(value.trim()), setPage(1))} />
        <Space>
          <Dropdown
            menu={{
              items: (['xlsx', 'json'] as const).map((format) => ({
                key: format,
                label: (
                  <a href={`/api/v1/catalog/export.${format}`} download data-testid={`catalog-export-${format}`}>
                    {t(`catalog.transfer.export${format === 'xlsx' ? 'Xlsx' : 'Json'}`)}
                  </a>
                ),
              })),
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="catalog-export">{t('catalog.transfer.export')}</Button>
          </Dropdown>
          {canManage && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="catalog-import-open">
              {t('catalog.transfer.importTitle')}
            </Button>
          )}
          {canManage && (
            <Link to="/sharing/datasets/new">
              <Button type="primary" data-testid="new-dataset">{t('catalog.search.newDataset')}</Button>
            </Link>
          )}
        </Space>
      </Space>
      {canManage && <CatalogImportModal open={importing} onClose={() => setImporting(false)} onImported={result.reload} />}
      <Row gutter={16}>
        <Col xs={24} md={6}>
          {FACETS.map((facet) => (
            <Card key={facet} size="small" title={t(`catalog.search.facets.${facet}`)} style={{ marginBottom: 12 }} data-testid={`facet-${facet}`}>
              <Checkbox.Group
                value={picked[facet]}
                onChange={(values) => (setPicked({ ...picked, [facet]: values as string[] }), setPage(1))}
                style={{ display: 'flex', flexDirection: 'column' }}
                options={(result.data?.facets[facet] ?? []).map((f) => ({ value: f.value, label: `${facetLabel(facet, f.value)} (${f.count})` }))}
              />
            </Card>
          ))}
        </Col>
        <Col xs={24} md={18}>
          <Table<Dataset>
            rowKey="id"
            loading={result.loading}
            dataSource={result.data?.items ?? []}
            data-testid="catalog-results"
            pagination={{ current: page, pageSize: 20, total: result.data?.total ?? 0, onChange: setPage, showTotal: (count) => t('catalog.search.total', { count }) }}
            columns={[
              { title: t('catalog.search.code'), dataIndex: 'code', width: 150 },
              { title: t('catalog.search.name'), key: 'title', render: (_, d) => <Link to={`/sharing/datasets/${d.id}`}><EnteredText text={bilingual(d.titleZh, d.titleEn)} /></Link> },
              { title: t('catalog.search.provider'), dataIndex: 'providerName' },
              { title: t('catalog.search.facets.theme'), key: 'theme', render: (_, d) => <Tag>{t(`catalog.themes.${d.theme}`)}</Tag> },
              { title: t('catalog.search.facets.sharingType'), key: 'sharing', render: (_, d) => <SharingTag type={d.sharing.type} /> },
              { title: t('catalog.search.facets.freshness'), key: 'freshness', render: (_, d) => <Space size={4}><StatusTag status={d.status} /><FreshnessTag freshness={d.freshness} /></Space> },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
