import { useTranslation } from 'react-i18next';
import { AQI_LEVEL_COLOURS, NEUTRAL_COLOURS, WATER_CLASS_COLOURS, WATER_CLASSES } from './colours';

function Swatch({ colour, text }: { colour: string; text: string }) {
  return (
    <span className="monitoring-legend__item">
      <span className="monitoring-legend__swatch" style={{ background: colour }} />
      {text}
    </span>
  );
}

/** Explains the marker colours: HJ 633 AQI categories, GB 3838 water classes, sources, no data. */
export function StationLegend() {
  const { t } = useTranslation();
  return (
    <div className="monitoring-legend" data-testid="station-legend">
      <span className="monitoring-legend__group" data-testid="legend-air">
        <span className="monitoring-legend__title">{t('monitoring.map.legendAir')}</span>
        {[1, 2, 3, 4, 5, 6].map((level) => (
          <Swatch key={level} colour={AQI_LEVEL_COLOURS[level]!} text={t(`monitoring.aqiCategories.${level}` as 'monitoring.aqiCategories.1')} />
        ))}
      </span>
      <span className="monitoring-legend__group" data-testid="legend-water">
        <span className="monitoring-legend__title">{t('monitoring.map.legendWater')}</span>
        {WATER_CLASSES.map((cls) => (
          <Swatch key={cls} colour={WATER_CLASS_COLOURS[cls]!} text={t('monitoring.waterClass', { cls })} />
        ))}
      </span>
      <span className="monitoring-legend__group">
        <Swatch colour={NEUTRAL_COLOURS.source} text={t('monitoring.map.legendSource')} />
        <Swatch colour={NEUTRAL_COLOURS.noData} text={t('monitoring.map.legendNoData')} />
      </span>
    </div>
  );
}
