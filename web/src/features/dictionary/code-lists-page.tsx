import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DICTIONARY_CODE_PATTERN } from '../../../../src/contracts/dataset-schema';
import type { CodeList } from '../../../../src/contracts/dictionary';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { useErrorText } from '../../app/format/use-error-text';
import { PageTitle } from '../../app/shell/page-title';

interface NewCodeList {
  code: string;
  nameZh: string;
  nameEn: string;
  description?: string;
}

/** 代码集: the code lists of the regional standard with their current version. */
export function CodeListsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const lists = useApiQuery<Page<CodeList>>('/code-lists', { q: q || undefined, ...toLimitOffset(paging) });
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewCodeList>();

  async function create() {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await api.post<CodeList>('/code-lists', {
        code: values.code.trim(),
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        description: values.description?.trim() ? values.description.trim() : null,
      });
      void message.success(t('dictionary.codeLists.created', { code: created.code }));
      setCreating(false);
      form.resetFields();
      void navigate(`/dictionary/code-lists/${created.code}`);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="code-lists-page">
      <PageTitle
        title={t('dictionary.codeLists.title')}
        extra={
          me.permissions.includes('dictionary:manage') && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="code-list-create" onClick={() => setCreating(true)}>
              {t('dictionary.codeLists.create')}
            </Button>
          )
        }
      />
      <Card>
        <Input.Search
          data-testid="code-list-search"
          allowClear
          placeholder={t('dictionary.codeLists.search')}
          style={{ width: 280, marginBottom: 16 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPaging(FIRST_PAGE);
          }}
        />
        {lists.error && <Typography.Paragraph type="danger">{errorText(lists.error)}</Typography.Paragraph>}
        <Table<CodeList>
          data-testid="code-lists-table"
          rowKey="code"
          size="small"
          loading={lists.loading}
          dataSource={lists.data?.items ?? []}
          onRow={(list) => ({ 'data-code-list': list.code }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: paging.current,
            pageSize: paging.pageSize,
            total: lists.data?.total ?? 0,
            showTotal: (count) => t('dictionary.codeLists.total', { count }),
            onChange: (current, pageSize) => setPaging({ current, pageSize }),
          }}
          columns={[
            { key: 'code', title: t('dictionary.codeLists.code'), render: (_, list) => <Link to={`/dictionary/code-lists/${list.code}`} className="mono">{list.code}</Link> },
            { key: 'name', title: t('dictionary.codeLists.name'), render: (_, list) => (i18n.language === 'en' ? list.nameEn : list.nameZh) },
            { key: 'current', title: t('dictionary.codeLists.currentVersion'), render: (_, list) => list.currentVersion ?? t('dictionary.codeLists.none') },
            { key: 'versions', title: t('dictionary.codeLists.versionCount'), render: (_, list) => list.versions.length, width: 90 },
          ]}
        />
      </Card>
      <Modal open={creating} title={t('dictionary.codeLists.createTitle')} confirmLoading={busy} onOk={() => void create().catch(() => undefined)} onCancel={() => setCreating(false)} forceRender>
        <Form form={form} layout="vertical" data-testid="code-list-form">
          <Form.Item name="code" label={t('dictionary.codeLists.code')} extra={t('dictionary.elements.codeRule')} rules={[{ required: true }, { pattern: new RegExp(DICTIONARY_CODE_PATTERN), message: t('dictionary.elements.codeRule') }]}>
            <Input data-testid="code-list-code" maxLength={64} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('dictionary.codeLists.nameZh')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="code-list-name-zh" maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('dictionary.codeLists.nameEn')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="code-list-name-en" maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('dictionary.codeLists.description')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
