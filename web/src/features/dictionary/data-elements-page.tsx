import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FIELD_TYPES, type FieldType } from '../../../../src/contracts/dataset-schema';
import type { DataElement } from '../../../../src/contracts/dictionary';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';
import { ElementFormModal } from './element-form-modal';
import { formatRange } from './format';

/** 数据元: search the common data elements; the working group creates new ones. */
export function DataElementsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [type, setType] = useState<FieldType>();
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [creating, setCreating] = useState(false);
  const elements = useApiQuery<Page<DataElement>>('/data-elements', { q: q || undefined, type, ...toLimitOffset(paging) });
  const mayManage = me.permissions.includes('dictionary:manage');

  return (
    <div data-testid="data-elements-page">
      <PageTitle
        title={t('dictionary.elements.title')}
        extra={
          mayManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="element-create" onClick={() => setCreating(true)}>
              {t('dictionary.elements.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            data-testid="element-search"
            allowClear
            placeholder={t('dictionary.elements.search')}
            style={{ width: 280 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPaging(FIRST_PAGE);
            }}
          />
          <Select<FieldType>
            allowClear
            placeholder={t('dictionary.elements.allTypes')}
            style={{ width: 180 }}
            value={type}
            onChange={(value) => {
              setType(value);
              setPaging(FIRST_PAGE);
            }}
            options={FIELD_TYPES.map((value) => ({ value, label: t(`dictionary.types.${value}`) }))}
          />
        </Space>
        {elements.error && <Typography.Paragraph type="danger">{errorText(elements.error)}</Typography.Paragraph>}
        <Table<DataElement>
          data-testid="elements-table"
          rowKey="code"
          size="small"
          loading={elements.loading}
          dataSource={elements.data?.items ?? []}
          onRow={(element) => ({ 'data-element-code': element.code }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: paging.current,
            pageSize: paging.pageSize,
            total: elements.data?.total ?? 0,
            showTotal: (count) => t('dictionary.elements.total', { count }),
            onChange: (current, pageSize) => setPaging({ current, pageSize }),
          }}
          columns={[
            { key: 'code', title: t('dictionary.elements.code'), render: (_, element) => <Link to={`/dictionary/elements/${element.code}`} className="mono">{element.code}</Link> },
            { key: 'name', title: t('dictionary.elements.name'), render: (_, element) => (i18n.language === 'en' ? element.nameEn : element.nameZh) },
            { key: 'type', title: t('dictionary.elements.type'), render: (_, element) => t(`dictionary.types.${element.type}`) },
            { key: 'unit', title: t('dictionary.elements.unit'), render: (_, element) => element.unit ?? '' },
            { key: 'range', title: t('dictionary.elements.range'), render: (_, element) => formatRange(element) },
            { key: 'codeList', title: t('dictionary.elements.codeList'), render: (_, element) => (element.codeList ? <Link to={`/dictionary/code-lists/${element.codeList}`}>{element.codeList}</Link> : '') },
            { key: 'revision', title: t('dictionary.elements.revision'), dataIndex: 'revision', width: 90 },
          ]}
        />
      </Card>
      <ElementFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          void navigate(`/dictionary/elements/${saved.code}`);
        }}
      />
    </div>
  );
}
