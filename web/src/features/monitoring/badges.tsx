import { useTranslation } from 'react-i18next';
import { AQI_LEVEL_COLOURS, aqiLevelOf, aqiTextColour, WATER_CLASS_COLOURS, waterTextColour } from './colours';

/** An AQI value on its HJ 633 category colour, with the category name. */
export function AqiBadge({ aqi, level }: { aqi: number | null; level?: number | null }) {
  const { t } = useTranslation();
  if (aqi === null) return <span>{t('monitoring.noData')}</span>;
  const lvl = level ?? aqiLevelOf(aqi);
  const category = t(`monitoring.aqiCategories.${lvl}` as 'monitoring.aqiCategories.1');
  return (
    <span className="level-badge" data-testid="aqi-badge" style={{ background: AQI_LEVEL_COLOURS[lvl], color: aqiTextColour(lvl) }}>
      {t('monitoring.map.latestAqi', { aqi, category })}
    </span>
  );
}

/** A GB 3838 water class (I … 劣V) on its colour. */
export function WaterClassBadge({ cls }: { cls: string | null }) {
  const { t } = useTranslation();
  if (!cls) return <span>{t('monitoring.noData')}</span>;
  return (
    <span className="level-badge" data-testid="water-class-badge" style={{ background: WATER_CLASS_COLOURS[cls] ?? '#999', color: waterTextColour(cls) }}>
      {t('monitoring.waterClass', { cls })}
    </span>
  );
}
