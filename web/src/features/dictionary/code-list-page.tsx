import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CODE_LIST_VERSION_PATTERN } from '../../../../src/contracts/dataset-schema';
import type { CodeList, CodeListEntry, CodeListVersion, CodeListVersionStatus, CodeListVersionSummary } from '../../../../src/contracts/dictionary';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { beijingDateOf, formatBeijingTime } from '../../app/format/beijing-time';
import { EnteredText } from '../../app/format/entered-text';
import { useErrorText } from '../../app/format/use-error-text';
import { LoadFailedResult } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { entriesToText, textToEntries } from './entries-text';

const STATUS_COLOURS: Record<CodeListVersionStatus, string> = { draft: 'blue', released: 'green', retired: 'default' };

/** One code list: its versions (draft → released → retired) and the codes of the chosen version. */
export function CodeListPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const { code = '' } = useParams();
  const mayManage = me.permissions.includes('dictionary:manage');
  const list = useApiQuery<CodeList>(`/code-lists/${encodeURIComponent(code)}`);
  const [selected, setSelected] = useState<string>();
  const shown = selected ?? list.data?.currentVersion ?? list.data?.versions[0]?.version;
  const version = useApiQuery<CodeListVersion>(shown ? `/code-lists/${encodeURIComponent(code)}/versions/${encodeURIComponent(shown)}` : null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [creatingVersion, setCreatingVersion] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [retiringVersion, setRetiringVersion] = useState<string>();
  const [retiringCode, setRetiringCode] = useState<CodeListEntry>();
  const [versionForm] = Form.useForm<{ version: string; note?: string; copyFrom?: string }>();
  const [entriesForm] = Form.useForm<{ text: string }>();
  const [retireVersionForm] = Form.useForm<{ replacedBy?: string; effectiveFrom?: Dayjs }>();
  const [retireCodeForm] = Form.useForm<{ replacementCode?: string; effectiveFrom?: Dayjs }>();

  const reloadAll = () => {
    list.reload();
    version.reload();
  };

  async function run(action: () => Promise<unknown>, success: string, after?: () => void) {
    setBusy(true);
    try {
      await action();
      void message.success(success);
      after?.();
      reloadAll();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const base = `/code-lists/${encodeURIComponent(code)}/versions`;

  async function createVersion() {
    const values = await versionForm.validateFields();
    await run(
      () => api.post(base, { version: values.version.trim(), note: values.note?.trim() ? values.note.trim() : null, ...(values.copyFrom ? { copyFrom: values.copyFrom } : {}) }),
      t('dictionary.versions.created', { version: values.version.trim() }),
      () => {
        setCreatingVersion(false);
        setSelected(values.version.trim());
        versionForm.resetFields();
      },
    );
  }

  // The editor opens on the draft's current codes.
  const editingVersion = useApiQuery<CodeListVersion>(editing ? `${base}/${encodeURIComponent(editing)}` : null);
  useEffect(() => {
    if (editing && editingVersion.data?.version === editing) entriesForm.setFieldsValue({ text: entriesToText(editingVersion.data.entries) });
  }, [editing, editingVersion.data, entriesForm]);

  async function saveEntries() {
    const { text } = await entriesForm.validateFields();
    const parsed = textToEntries(text);
    if ('badLine' in parsed) {
      void message.error(t('dictionary.versions.entriesLineError', { line: parsed.badLine }));
      return;
    }
    await run(() => api.put(`${base}/${encodeURIComponent(editing!)}/entries`, { entries: parsed.entries }), t('dictionary.versions.entriesSaved', { count: parsed.entries.length }), () => {
      setSelected(editing);
      setEditing(undefined);
    });
  }

  async function retireVersion() {
    const { replacedBy, effectiveFrom } = await retireVersionForm.validateFields();
    await run(() => api.post(`${base}/${encodeURIComponent(retiringVersion!)}/retire`, { replacedBy: replacedBy ?? null, ...retiredFrom(effectiveFrom) }), t('dictionary.versions.retired', { version: retiringVersion }), () => {
      setRetiringVersion(undefined);
      retireVersionForm.resetFields();
    });
  }

  async function retireCode() {
    const { replacementCode, effectiveFrom } = await retireCodeForm.validateFields();
    await run(
      () => api.post(`${base}/${encodeURIComponent(shown!)}/entries/${encodeURIComponent(retiringCode!.code)}/retire`, { replacementCode: replacementCode ?? null, ...retiredFrom(effectiveFrom) }),
      t('dictionary.entries.retired', { code: retiringCode!.code }),
      () => {
        setRetiringCode(undefined);
        retireCodeForm.resetFields();
      },
    );
  }

  const nameOf = (entry: { nameZh: string; nameEn: string }) => (i18n.language === 'en' ? entry.nameEn : entry.nameZh);
  const entries = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = version.data?.entries ?? [];
    return needle ? all.filter((entry) => [entry.code, entry.nameZh, entry.nameEn].some((text) => text.toLowerCase().includes(needle))) : all;
  }, [version.data, filter]);
  const versions = list.data?.versions ?? [];
  const shownStatus = version.data?.status;

  if (list.error && !list.data) return <LoadFailedResult error={list.error} onRetry={list.reload} />;

  return (
    <div data-testid="code-list-page">
      <PageTitle
        title={list.data ? `${list.data.code} · ${nameOf(list.data)}` : code}
        extra={
          <Space>
            <Link to="/dictionary/code-lists">
              <Button icon={<ArrowLeftOutlined />}>{t('dictionary.codeLists.back')}</Button>
            </Link>
            {mayManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="version-create" onClick={() => setCreatingVersion(true)}>
                {t('dictionary.versions.create')}
              </Button>
            )}
          </Space>
        }
      />
      {list.data?.description && (
        <Typography.Paragraph type="secondary">
          <EnteredText text={list.data.description} />
        </Typography.Paragraph>
      )}
      <Card title={t('dictionary.versions.title')} style={{ marginBottom: 16 }} loading={list.loading && !list.data}>
        <Table<CodeListVersionSummary>
          data-testid="versions-table"
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={versions}
          onRow={(row) => ({ 'data-version': row.version }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'version', title: t('dictionary.versions.version'), render: (_, row) => <Typography.Text strong={row.version === shown}>{row.version}</Typography.Text> },
            {
              key: 'status',
              title: t('dictionary.versions.status'),
              render: (_, row) => (
                <Tag color={STATUS_COLOURS[row.status]} data-testid="version-status">
                  {t(`dictionary.versionStatuses.${row.status}`)}
                </Tag>
              ),
            },
            { key: 'note', title: t('dictionary.versions.note'), render: (_, row) => row.note ?? '' },
            { key: 'count', title: t('dictionary.versions.entryCount'), dataIndex: 'entryCount' },
            { key: 'released', title: t('dictionary.versions.releasedAt'), render: (_, row) => formatBeijingTime(row.releasedAt) },
            { key: 'retired', title: t('dictionary.versions.retiredAt'), render: (_, row) => formatBeijingTime(row.retiredAt) },
            { key: 'replacedBy', title: t('dictionary.versions.replacedBy'), render: (_, row) => row.replacedBy ?? '' },
            {
              key: 'actions',
              render: (_, row) => (
                <Space size="small" wrap>
                  <Button size="small" data-testid="version-show" onClick={() => setSelected(row.version)}>
                    {t('dictionary.versions.show')}
                  </Button>
                  {mayManage && row.status === 'draft' && (
                    <>
                      <Button size="small" data-testid="version-edit" onClick={() => setEditing(row.version)}>
                        {t('dictionary.versions.editEntries')}
                      </Button>
                      <Popconfirm
                        title={t('dictionary.versions.release')}
                        description={t('dictionary.versions.releaseConfirm', { version: row.version })}
                        okText={t('dictionary.versions.release')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => run(() => api.post(`${base}/${encodeURIComponent(row.version)}/release`), t('dictionary.versions.released', { version: row.version }))}
                      >
                        <Button size="small" type="primary" data-testid="version-release" loading={busy}>
                          {t('dictionary.versions.release')}
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                  {mayManage && row.status === 'released' && (
                    <Button size="small" danger data-testid="version-retire" onClick={() => setRetiringVersion(row.version)}>
                      {t('dictionary.versions.retire')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {shown && (
        <Card title={t('dictionary.entries.title', { version: shown })} data-testid="entries-card">
          <Input allowClear placeholder={t('dictionary.entries.filter')} style={{ width: 260, marginBottom: 12 }} value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="entries-filter" />
          <Table<CodeListEntry>
            data-testid="entries-table"
            rowKey="code"
            size="small"
            loading={version.loading}
            dataSource={entries}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(entry) => ({ 'data-entry-code': entry.code }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'code', title: t('dictionary.entries.code'), render: (_, entry) => <span className="mono">{entry.code}</span> },
              { key: 'name', title: t('dictionary.entries.name'), render: (_, entry) => nameOf(entry) },
              { key: 'parent', title: t('dictionary.entries.parent'), render: (_, entry) => entry.parentCode ?? '' },
              {
                key: 'state',
                title: t('dictionary.entries.state'),
                render: (_, entry) =>
                  entry.retiredAt === null ? (
                    <Tag color="green">{t('dictionary.entries.inForce')}</Tag>
                  ) : (
                    <Tag data-testid="entry-retired">{t('dictionary.entries.retiredOn', { date: formatBeijingTime(entry.retiredAt) })}</Tag>
                  ),
              },
              { key: 'replacement', title: t('dictionary.entries.replacement'), render: (_, entry) => entry.replacementCode ?? '' },
              {
                key: 'actions',
                render: (_, entry) =>
                  mayManage && shownStatus === 'released' && entry.retiredAt === null ? (
                    <Button size="small" danger data-testid="entry-retire" onClick={() => setRetiringCode(entry)}>
                      {t('dictionary.entries.retire')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}

      <Modal open={creatingVersion} title={t('dictionary.versions.createTitle')} confirmLoading={busy} onOk={() => void createVersion().catch(() => undefined)} onCancel={() => setCreatingVersion(false)} forceRender>
        <Form form={versionForm} layout="vertical" data-testid="version-form">
          <Form.Item name="version" label={t('dictionary.versions.version')} rules={[{ required: true }, { pattern: new RegExp(CODE_LIST_VERSION_PATTERN) }]}>
            <Input data-testid="version-label" maxLength={32} />
          </Form.Item>
          <Form.Item name="note" label={t('dictionary.versions.note')} rules={[{ max: 500 }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="copyFrom" label={t('dictionary.versions.copyFrom')}>
            <Select allowClear placeholder={t('dictionary.versions.copyNone')} options={versions.map((row) => ({ value: row.version, label: `${row.version} · ${t(`dictionary.versionStatuses.${row.status}`)}` }))} data-testid="version-copy-from" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={editing !== undefined} title={t('dictionary.versions.editEntriesTitle', { version: editing })} confirmLoading={busy} onOk={() => void saveEntries().catch(() => undefined)} onCancel={() => setEditing(undefined)} width={720} forceRender>
        <Alert type="info" showIcon message={t('dictionary.versions.entriesHelp')} style={{ marginBottom: 12 }} />
        <Form form={entriesForm} layout="vertical">
          <Form.Item name="text">
            <Input.TextArea rows={14} className="mono" data-testid="entries-text" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={retiringVersion !== undefined} title={t('dictionary.versions.retireTitle', { version: retiringVersion })} confirmLoading={busy} onOk={() => void retireVersion().catch(() => undefined)} onCancel={() => setRetiringVersion(undefined)} forceRender>
        <Form form={retireVersionForm} layout="vertical">
          <Form.Item name="replacedBy" label={t('dictionary.versions.retireReplacement')}>
            <Select allowClear data-testid="retire-version-replacement" options={versions.filter((row) => row.status === 'released' && row.version !== retiringVersion).map((row) => ({ value: row.version, label: row.version }))} />
          </Form.Item>
          <RetiredFromField testId="retire-version-from" />
        </Form>
      </Modal>

      <Modal open={retiringCode !== undefined} title={t('dictionary.entries.retireTitle', { code: retiringCode?.code })} confirmLoading={busy} onOk={() => void retireCode().catch(() => undefined)} onCancel={() => setRetiringCode(undefined)} forceRender>
        <Alert type="warning" showIcon message={t('dictionary.entries.retireHelp')} style={{ marginBottom: 12 }} />
        <Form form={retireCodeForm} layout="vertical">
          <Form.Item name="replacementCode" label={t('dictionary.entries.replacementLabel')}>
            <Select
              allowClear
              showSearch
              data-testid="retire-code-replacement"
              options={(version.data?.entries ?? []).filter((entry) => entry.retiredAt === null && entry.code !== retiringCode?.code).map((entry) => ({ value: entry.code, label: `${entry.code} · ${nameOf(entry)}` }))}
            />
          </Form.Item>
          <RetiredFromField testId="retire-code-from" />
        </Form>
      </Modal>
    </div>
  );
}

/** The optional `effectiveFrom` of a retirement: empty means now; the picked day is a Beijing date. */
function retiredFrom(day: Dayjs | undefined): { effectiveFrom?: string } {
  return day ? { effectiveFrom: day.format('YYYY-MM-DD') } : {};
}

/** 停用生效日期: back-dates a retirement (e.g. to the day a division change took effect); never later than today. */
function RetiredFromField({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="effectiveFrom" label={t('dictionary.retiredFrom')} extra={t('dictionary.retiredFromHelp')}>
      <DatePicker data-testid={testId} disabledDate={(day) => day.format('YYYY-MM-DD') > beijingDateOf()} />
    </Form.Item>
  );
}
