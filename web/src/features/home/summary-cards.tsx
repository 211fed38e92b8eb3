import { ApartmentOutlined, ApiOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeSummary } from '../../../../src/contracts/home';
import { useApiQuery } from '../../app/api/use-api-query';
import { formatBeijingTime } from '../../app/format/beijing-time';
import { useErrorText } from '../../app/format/use-error-text';
import { useDivisions } from '../../app/reference/divisions';
import { useCodeLabel } from '../../app/format/use-code-label';

function Figure({ title, value, icon, footer, testId }: { title: string; value: number | undefined; icon: ReactNode; footer: ReactNode; testId: string }) {
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card loading={value === undefined} data-testid={testId}>
        <Statistic title={title} value={value ?? 0} prefix={icon} />
        <div style={{ marginTop: 8, minHeight: 22 }}>{footer}</div>
      </Card>
    </Col>
  );
}

/** 本单位概况: the organisation's own figures (accounts, tokens, audit activity, organisations in its area). */
export function SummaryCards() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const divisions = useDivisions();
  const kindLabel = useCodeLabel('organisations.kinds');
  const { data, error } = useApiQuery<HomeSummary>('/home/summary');

  if (error) return <Alert type="warning" showIcon title={t('home.summaryUnavailable', { reason: errorText(error) })} style={{ marginBottom: 16 }} />;

  return (
    <section aria-label={t('home.summaryTitle')} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Figure
          testId="summary-users"
          title={t('home.summary.users')}
          value={data?.users.total}
          icon={<TeamOutlined />}
          footer={
            data && (
              <Typography.Text type="secondary">
                {t('home.summary.usersBreakdown', { active: data.users.active, disabled: data.users.disabled, locked: data.users.locked })}
              </Typography.Text>
            )
          }
        />
        <Figure
          testId="summary-tokens"
          title={t('home.summary.tokens')}
          value={data?.tokens.active}
          icon={<ApiOutlined />}
          footer={<Typography.Text type="secondary">{t('home.summary.tokensHint')}</Typography.Text>}
        />
        <Figure
          testId="summary-audit"
          title={t('home.summary.auditEvents')}
          value={data?.audit.events}
          icon={<AuditOutlined />}
          footer={data && <Typography.Text type="secondary">{t('home.summary.since', { time: formatBeijingTime(data.audit.since) })}</Typography.Text>}
        />
        <Figure
          testId="summary-organisations"
          title={t('home.summary.organisationsIn', { area: divisions.nameOf(data?.organisationsInArea.provinceCode) })}
          value={data?.organisationsInArea.total}
          icon={<ApartmentOutlined />}
          footer={
            data && (
              <Space size={[0, 4]} wrap>
                {data.organisationsInArea.byKind
                  .filter((entry) => entry.count > 0)
                  .map((entry) => (
                    <Tag key={entry.kind}>
                      {kindLabel(entry.kind)} {entry.count}
                    </Tag>
                  ))}
              </Space>
            )
          }
        />
      </Row>
    </section>
  );
}
