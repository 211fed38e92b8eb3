import { Alert, App, Button, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Grant, GrantStatus } from '../../../../src/contracts/access';
import { api } from '../../app/api/api-client';
import { FIRST_PAGE, toLimitOffset, type Page, type Paging } from '../../app/api/page';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { useListText } from '../../app/format/use-list-text';
import { PageTitle } from '../../app/shell/page-title';
import { useOrganisationDirectory } from '../../app/reference/organisations';

type Side = 'received' | 'given';
const STATUS_COLOURS: Record<GrantStatus, string> = { active: 'green', expired: 'orange', revoked: 'default', not_yet_valid: 'blue' };

/** 数据授权: grants received and given; the grantor revokes, the grantee makes API tokens bound to a grant. */
export function GrantsPage() {
  const { t, i18n } = useTranslation();
  const directory = useOrganisationDirectory();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const listText = useListText();
  const [params, setParams] = useSearchParams();
  const side: Side = params.get('side') === 'given' ? 'given' : 'received';
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const grants = useApiQuery<Page<Grant>>('/grants', { side, ...toLimitOffset(paging) });
  const [revoking, setRevoking] = useState<Grant>();
  const [tokenFor, setTokenFor] = useState<Grant>();
  const [secret, setSecret] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const [tokenForm] = Form.useForm<{ name: string }>();

  async function revoke() {
    const { reason } = await revokeForm.validateFields();
    setBusy(true);
    try {
      await api.post<Grant>(`/grants/${revoking!.id}/revoke`, { reason: reason.trim() });
      void message.success(t('access.grants.revoked'));
      setRevoking(undefined);
      revokeForm.resetFields();
      grants.reload();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function createToken() {
    const { name } = await tokenForm.validateFields();
    setBusy(true);
    try {
      const made = await api.post<{ secret: string }>(`/grants/${tokenFor!.id}/tokens`, { name: name.trim() });
      setSecret(made.secret);
      tokenForm.resetFields();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="grants-page">
      <PageTitle title={t('access.grants.title')} />
      <Tabs
        activeKey={side}
        onChange={(key) => {
          setParams({ side: key });
          setPaging(FIRST_PAGE);
        }}
        items={[
          { key: 'received', label: <span data-testid="tab-received">{t('access.grants.received')}</span> },
          { key: 'given', label: <span data-testid="tab-given">{t('access.grants.given')}</span> },
        ]}
      />
      {grants.error && <Typography.Paragraph type="danger">{errorText(grants.error)}</Typography.Paragraph>}
      <Table<Grant>
        data-testid="grants-table"
        rowKey="id"
        size="small"
        loading={grants.loading}
        dataSource={grants.data?.items ?? []}
        onRow={(grant) => ({ 'data-grant-id': grant.id }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: paging.current,
          pageSize: paging.pageSize,
          total: grants.data?.total ?? 0,
          showTotal: (count) => t('access.grants.total', { count }),
          onChange: (current, pageSize) => setPaging({ current, pageSize }),
        }}
        columns={[
          { key: 'dataset', title: t('access.grants.dataset'), render: (_, g) => (i18n.language === 'en' ? g.datasetTitleEn || g.datasetTitle : g.datasetTitle) },
          { key: 'party', title: side === 'received' ? t('access.grants.grantor') : t('access.grants.grantee'), render: (_, g) => (side === 'received' ? directory.localName(g.grantorOrganisationId, g.grantorOrganisationName) : directory.localName(g.granteeOrganisationId, g.granteeOrganisationName)) },
          { key: 'fields', title: t('access.grants.fields'), render: (_, g) => (g.fields === null ? t('access.grants.all') : listText(g.fields)) },
          { key: 'scope', title: t('access.grants.scope'), render: (_, g) => (g.scopeCodes === null ? t('access.grants.all') : listText(g.scopeCodes)) },
          { key: 'until', title: t('access.grants.validUntil'), render: (_, g) => formatBeijingTime(g.validUntil) },
          {
            key: 'status',
            title: t('access.grants.status'),
            render: (_, g) => (
              <Tag color={STATUS_COLOURS[g.status]} data-testid="grant-status">
                {t(`access.grantStatuses.${g.status}`)}
              </Tag>
            ),
          },
          {
            key: 'actions',
            render: (_, g) => (
              <Space size="small">
                {side === 'given' && g.status !== 'revoked' && me.permissions.includes('access:decide') && (
                  <Button size="small" danger data-testid="grant-revoke" onClick={() => setRevoking(g)}>
                    {t('access.grants.revoke')}
                  </Button>
                )}
                {side === 'received' && (g.status === 'active' || g.status === 'not_yet_valid') && me.permissions.includes('data:read') && (
                  <Button size="small" data-testid="grant-token" onClick={() => setTokenFor(g)}>
                    {t('access.grants.token')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={revoking !== undefined} title={t('access.grants.revokeTitle')} confirmLoading={busy} onOk={() => void revoke().catch(() => undefined)} onCancel={() => setRevoking(undefined)} forceRender>
        <Form form={revokeForm} layout="vertical">
          <Form.Item name="reason" label={t('access.grants.revokeReason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea data-testid="revoke-reason" rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={tokenFor !== undefined}
        title={t('access.grants.tokenTitle')}
        confirmLoading={busy}
        okButtonProps={{ disabled: secret !== undefined }}
        onOk={() => void createToken().catch(() => undefined)}
        onCancel={() => {
          setTokenFor(undefined);
          setSecret(undefined);
        }}
        destroyOnHidden
        forceRender
      >
        {secret === undefined ? (
          <Form form={tokenForm} layout="vertical">
            <Form.Item name="name" label={t('access.grants.tokenName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="grant-token-name" maxLength={100} />
            </Form.Item>
          </Form>
        ) : (
          <>
            <Alert type="warning" showIcon title={t('access.grants.tokenSecret')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph className="secret-box mono" data-testid="grant-token-secret" copyable={{ text: secret }}>
              {secret}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </div>
  );
}
