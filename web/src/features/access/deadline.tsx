import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../../../src/contracts/access';

/** Working days left until the reply deadline; overdue in red (答复期限). */
export function DeadlineLeft({ request }: { request: AccessRequest }) {
  const { t } = useTranslation();
  if (request.status !== 'pending') return <Typography.Text type="secondary">—</Typography.Text>;
  if (request.overdue) {
    return (
      <Typography.Text type="danger" strong data-testid="deadline-overdue">
        {request.workingDaysLeft === null ? t('access.requests.overdue') : t('access.requests.overdueBy', { count: Math.max(0, -request.workingDaysLeft) })}
      </Typography.Text>
    );
  }
  return <span data-testid="deadline-left">{request.workingDaysLeft === null ? '—' : t('access.requests.daysLeftValue', { count: request.workingDaysLeft })}</span>;
}

const STATUS_COLOURS: Record<AccessRequest['status'], string> = { pending: 'blue', approved: 'green', partially_approved: 'gold', refused: 'red', withdrawn: 'default' };
export function statusColour(status: AccessRequest['status']): string {
  return STATUS_COLOURS[status];
}
