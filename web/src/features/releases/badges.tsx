import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReleaseStatus, RuleSeverity } from '../../../../src/contracts/sharing';

const SEVERITY_COLOURS: Record<RuleSeverity, string> = { BLOCKER: 'red', ERROR: 'volcano', WARNING: 'gold', INFO: 'blue' };
const STATUS_COLOURS: Record<ReleaseStatus, string> = { submitted: 'processing', accepted: 'green', correction_requested: 'orange', superseded: 'default' };

export function SeverityTag({ severity }: { severity: RuleSeverity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOURS[severity]}>{t(`releases.severities.${severity}`)}</Tag>;
}

export function ReleaseStatusTag({ status }: { status: ReleaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="release-status">
      {t(`releases.statuses.${status}`)}
    </Tag>
  );
}
