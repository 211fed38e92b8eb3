import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DataElement } from '../../../../src/contracts/dictionary';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { ElementFormModal } from './element-form-modal';
import { formatRange } from './format';

/** One data element with all its attributes; the working group edits it (a new revision). */
export function DataElementPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const me = useMe();
  const element = useApiQuery<DataElement>(`/data-elements/${encodeURIComponent(code)}`);
  const [editing, setEditing] = useState(false);
  const data = element.data;

  return (
    <div data-testid="data-element-page">
      <PageTitle
        title={data ? `${data.code} · ${i18n.language === 'en' ? data.nameEn : data.nameZh}` : code}
        extra={
          <Space>
            <Link to="/dictionary/elements">
              <Button icon={<ArrowLeftOutlined />}>{t('dictionary.elements.back')}</Button>
            </Link>
            {data && me.permissions.includes('dictionary:manage') && (
              <Button type="primary" icon={<EditOutlined />} data-testid="element-edit" onClick={() => setEditing(true)}>
                {t('dictionary.elements.edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Card loading={element.loading && !data}>
        {element.error && !data ? (
          <LoadFailedResult error={element.error} onRetry={element.reload} />
        ) : (
          data && (
            <Descriptions column={1} bordered size="small" data-testid="element-details">
              <Descriptions.Item label={t('dictionary.elements.code')}>{data.code}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.nameZh')}>{data.nameZh}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.nameEn')}>{data.nameEn}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.definition')}>{data.definition ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.type')}>{`${t(`dictionary.types.${data.type}`)} (${data.type})`}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.unit')}>{data.unit ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.range')}>{formatRange(data)}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.precision')}>{data.precision ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.maxLength')}>{data.maxLength ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.codeList')}>
                {data.codeList ? <Link to={`/dictionary/code-lists/${data.codeList}`}>{data.codeList}</Link> : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.revision')}>
                <span data-testid="element-revision">{data.revision}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('dictionary.elements.updatedAt')}>{formatBeijingTime(data.updatedAt)}</Descriptions.Item>
            </Descriptions>
          )
        )}
      </Card>
      <ElementFormModal
        open={editing}
        {...(data ? { element: data } : {})}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          element.reload();
        }}
      />
    </div>
  );
}
