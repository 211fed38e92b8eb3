import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/shell/page-title';
import { AqiTab } from './aqi-tab';
import { Hj212Tab } from './hj212-tab';
import { UsccTab } from './uscc-tab';
import { WaterTab } from './water-tab';

/** 国家标准计算器: one tab per standard; every result comes from `/api/v1/standards/…`. */
export function StandardsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('standards.title')} />
      <Typography.Paragraph type="secondary">{t('standards.intro')}</Typography.Paragraph>
      <Card>
        <Tabs
          destroyOnHidden={false}
          items={[
            { key: 'hj212', label: t('standards.hj212.tab'), children: <Hj212Tab /> },
            { key: 'aqi', label: t('standards.aqi.tab'), children: <AqiTab /> },
            { key: 'water', label: t('standards.water.tab'), children: <WaterTab /> },
            { key: 'uscc', label: t('standards.uscc.tab'), children: <UsccTab /> },
          ]}
        />
      </Card>
    </>
  );
}
