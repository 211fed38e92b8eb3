import { StarFilled, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBSCRIPTION_EVENTS, type Subscription, type SubscriptionEvent } from '../../../../src/contracts/notifications';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { useErrorText } from '../../app/format/use-error-text';

interface FollowState {
  following: boolean;
  subscription: Subscription | null;
  followers: number;
}

interface FollowValues {
  events: SubscriptionEvent[];
  webhookUrl?: string;
}

/** 关注 a dataset: in-app notifications and, optionally, a signed webhook (its secret shown once). */
export function FollowButton({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const state = useApiQuery<FollowState>(`/datasets/${datasetId}/follow`);
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FollowValues>();

  async function save() {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const result = await api.put<{ subscription: Subscription; webhookSecret: string | null }>(`/datasets/${datasetId}/follow`, {
        events: values.events,
        webhookUrl: values.webhookUrl ? values.webhookUrl : null,
      });
      setEditing(false);
      setSecret(result.webhookSecret);
      void message.success(t('notifications.follow.saved'));
      state.reload();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function unfollow() {
    try {
      await api.delete(`/datasets/${datasetId}/follow`);
      void message.success(t('notifications.follow.unfollowed'));
      state.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  const following = state.data?.following ?? false;
  return (
    <>
      <Space.Compact>
        <Button data-testid="follow-dataset" icon={following ? <StarFilled /> : <StarOutlined />} loading={state.loading && !state.data} onClick={() => setEditing(true)}>
          {following ? t('notifications.follow.following') : t('notifications.follow.follow')} · {t('notifications.follow.followers', { count: state.data?.followers ?? 0 })}
        </Button>
        {following && (
          <Button data-testid="unfollow-dataset" onClick={() => void unfollow()}>
            {t('notifications.follow.unfollow')}
          </Button>
        )}
      </Space.Compact>
      <Modal open={editing} title={t('notifications.follow.settings')} onOk={() => void save().catch(() => undefined)} okText={t('notifications.follow.save')} okButtonProps={{ loading: busy, ...({ 'data-testid': 'follow-save' } as Record<string, string>) }} onCancel={() => setEditing(false)} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ events: state.data?.subscription?.events ?? [...SUBSCRIPTION_EVENTS], webhookUrl: state.data?.subscription?.webhookUrl ?? '' }}
        >
          <Form.Item name="events" label={t('notifications.follow.events')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={SUBSCRIPTION_EVENTS.map((value) => ({ value, label: t(`notifications.follow.eventNames.${value}`) }))} />
          </Form.Item>
          <Form.Item name="webhookUrl" label={t('notifications.follow.webhookUrl')} extra={t('notifications.follow.webhookHelp')} rules={[{ type: 'url' }, { pattern: /^https?:\/\//, max: 500 }]}>
            <Input data-testid="follow-webhook-url" placeholder="https://" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={secret !== null} title={t('notifications.follow.secretTitle')} onOk={() => setSecret(null)} onCancel={() => setSecret(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon message={t('notifications.follow.secretHelp')} style={{ marginBottom: 12 }} />
        <Typography.Text data-testid="webhook-secret" copyable code>
          {secret}
        </Typography.Text>
      </Modal>
    </>
  );
}
