import { App, Button, Descriptions, Popconfirm, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccessRequest } from '../../../../src/contracts/access';
import { api } from '../../app/api/api-client';
import { useApiQuery } from '../../app/api/use-api-query';
import { useMe } from '../../app/auth/use-auth';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { useListText } from '../../app/format/use-list-text';
import { EnteredText } from '../../app/format/entered-text';
import { useBilingual } from '../../app/format/use-bilingual';
import { LoadFailedResult, PageLoading } from '../../app/shell/page-states';
import { PageTitle } from '../../app/shell/page-title';
import { DecisionForm } from './decision-form';
import { DeadlineLeft, statusColour } from './deadline';
import { useOrganisationDirectory } from '../../app/reference/organisations';

/** One access request: what was asked, the deadline, the history, and the answer form for the decider. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const directory = useOrganisationDirectory();
  const bilingual = useBilingual();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const listText = useListText();
  const query = useApiQuery<AccessRequest>(`/access-requests/${id}`);
  const request = query.data;
  if (query.error) return <LoadFailedResult error={query.error} onRetry={query.reload} />;
  if (!request) return <PageLoading />;

  const mayDecide =
    request.status === 'pending' &&
    me.permissions.includes('access:decide') &&
    (me.organisation.id === request.decidingOrganisationId || (request.escalatedAt !== null && me.organisation.kind === 'working_group'));
  const mayWithdraw = request.status === 'pending' && me.organisation.id === request.requestingOrganisationId && me.permissions.includes('access:request');

  async function withdraw() {
    try {
      await api.post<AccessRequest>(`/access-requests/${id}/withdraw`);
      void message.success(t('access.detail.withdrawn'));
      query.reload();
    } catch (error) {
      void message.error(errorText(error));
    }
  }

  return (
    <div data-testid="access-request-page">
      <PageTitle
        title={
          <>
            {t('access.detail.title')} · <EnteredText text={bilingual(request.datasetTitle, request.datasetTitleEn)} />
          </>
        }
        extra={
          mayWithdraw && (
            <Popconfirm title={t('access.detail.withdrawConfirm')} onConfirm={() => withdraw()}>
              <Button data-testid="request-withdraw">{t('access.detail.withdraw')}</Button>
            </Popconfirm>
          )
        }
      />
      <Descriptions bordered size="small" column={1} data-testid="request-details">
        <Descriptions.Item label={t('access.requests.status')}>
          <Tag color={statusColour(request.status)} data-testid="request-status">
            {t(`access.statuses.${request.status}`)}
          </Tag>
          {request.grantId && <Link to="/sharing/grants?side=received">{t('access.detail.grant')}</Link>}
        </Descriptions.Item>
        <Descriptions.Item label={t('access.requests.requester')}>{directory.localName(request.requestingOrganisationId, request.requestingOrganisationName)}</Descriptions.Item>
        <Descriptions.Item label={t('access.requests.decider')}>{directory.localName(request.decidingOrganisationId, request.decidingOrganisationName)}</Descriptions.Item>
        <Descriptions.Item label={t('access.detail.purpose')}>{request.purpose}</Descriptions.Item>
        {request.legalBasis && <Descriptions.Item label={t('access.detail.legalBasis')}>{request.legalBasis}</Descriptions.Item>}
        <Descriptions.Item label={t('access.detail.fields')}>{request.fields === null ? t('access.detail.allFields') : listText(request.fields)}</Descriptions.Item>
        <Descriptions.Item label={t('access.detail.scope')}>{request.scopeCodes === null ? t('access.detail.allRows') : listText(request.scopeCodes)}</Descriptions.Item>
        <Descriptions.Item label={t('access.detail.period')}>
          {request.useFrom} — {request.useUntil}
        </Descriptions.Item>
        <Descriptions.Item label={t('access.detail.retention')}>{t('access.detail.retentionValue', { count: request.retentionDays })}</Descriptions.Item>
        <Descriptions.Item label={t('access.detail.onwardSharing')}>{request.onwardSharing ? request.onwardSharingReason : t('access.detail.onwardForbidden')}</Descriptions.Item>
        <Descriptions.Item label={t('access.requests.deadline')}>
          <span data-testid="request-deadline">{request.deadlineDate}</span> · <DeadlineLeft request={request} />
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t('access.detail.calendar')}: {request.calendarVersion}
          </Typography.Text>
        </Descriptions.Item>
        {request.reasons && <Descriptions.Item label={t('access.detail.reasons')}>{request.reasons}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('access.detail.history')}
      </Typography.Title>
      <Timeline
        data-testid="request-history"
        items={request.events.map((event) => ({
          color: event.kind === 'escalated' || event.kind === 'refused' ? 'red' : event.kind === 'reminder' ? 'orange' : 'blue',
          content: (
            <>
              <strong>{t(`access.events.${event.kind}`)}</strong> · {formatBeijingTime(event.at)} {event.actorDisplayName ?? ''}
              {event.note && <div>{event.note}</div>}
            </>
          ),
        }))}
      />
      {mayDecide && <DecisionForm request={request} onDecided={() => query.reload()} />}
    </div>
  );
}
