import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REGION_CODE } from '../../../../src/contracts/common';
import { useMe } from '../../app/auth/use-auth';
import { useDivisions } from '../../app/reference/divisions';
import { usePlatformMeta } from '../../app/reference/meta';
import { PageTitle } from '../../app/shell/page-title';
import { MapLegend } from './map-legend';
import { SummaryCards } from './summary-cards';
import { useGeoJson } from './use-geojson';
import { YrdMap } from './yrd-map';

/** 首页: the organisation's own figures and the map of the region with the user's province highlighted. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const meta = usePlatformMeta();
  const divisions = useDivisions();
  const provinces = useGeoJson('/geo/yrd-provinces.geojson');
  const cities = useGeoJson('/geo/yrd-cities.geojson');
  const ownProvince = me.organisation.provinceCode === REGION_CODE ? null : me.organisation.provinceCode;
  const english = i18n.language === 'en';

  return (
    <>
      <PageTitle title={t('home.welcome', { name: me.user.displayName })} />
      <SummaryCards />
      <Card title={t('home.mapTitle')} extra={<Typography.Text type="secondary">{english ? me.organisation.nameEn : me.organisation.name}</Typography.Text>}>
        {provinces.failed && <Alert type="warning" showIcon title={t('home.mapUnavailable')} style={{ marginBottom: 12 }} />}
        <YrdMap
          provinces={provinces.data}
          cities={cities.data}
          divisions={divisions.data?.provinces}
          ownProvinceCode={ownProvince}
          english={english}
          tileUrl={meta?.mapTileUrl ?? ''}
          label={t('home.mapLabel')}
        />
        <MapLegend showOwnProvince={ownProvince !== null} />
      </Card>
    </>
  );
}
