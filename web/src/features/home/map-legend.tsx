import { useTranslation } from 'react-i18next';
import { MAP_COLOURS } from './map-style';

/** Explains the map's colours: own province, other provinces, and the three kinds of city marker. */
export function MapLegend({ showOwnProvince }: { showOwnProvince: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="map-legend" data-testid="map-legend">
      {showOwnProvince && (
        <span className="map-legend__item">
          <span
            className="map-legend__swatch map-legend__swatch--area"
            style={{ background: MAP_COLOURS.ownProvinceFill, borderColor: MAP_COLOURS.ownProvince }}
          />
          {t('home.legend.ownProvince')}
        </span>
      )}
      <span className="map-legend__item">
        <span
          className="map-legend__swatch map-legend__swatch--area"
          style={{ background: MAP_COLOURS.provinceFill, borderColor: MAP_COLOURS.province }}
        />
        {t('home.legend.province')}
      </span>
      <span className="map-legend__item">
        <span className="map-legend__swatch" style={{ background: MAP_COLOURS.city, borderColor: '#fff' }} />
        {t('home.legend.city')}
      </span>
      <span className="map-legend__item">
        <span className="map-legend__swatch" style={{ background: MAP_COLOURS.twoPlusFive, borderColor: '#fff' }} />
        {t('home.legend.twoPlusFive')}
      </span>
      <span className="map-legend__item">
        <span className="map-legend__swatch" style={{ background: '#fff', borderColor: MAP_COLOURS.jiangsuAnhuiBorder, borderWidth: 3 }} />
        {t('home.legend.jiangsuAnhuiBorder')}
      </span>
    </div>
  );
}
