/**
 * Colours of the monitoring pages. AQI levels use the HJ 633 Annex A colours (the same in 2012
 * and 2026); water classes use the blue→green→yellow→red scale common in Chinese water-quality
 * maps (GB 3838 itself prescribes no colours).
 */

/** HJ 633 Annex A, level 1 (优) … 6 (严重污染). */
export const AQI_LEVEL_COLOURS: Readonly<Record<number, string>> = {
  1: '#00E400',
  2: '#FFFF00',
  3: '#FF7E00',
  4: '#FF0000',
  5: '#99004C',
  6: '#7E0023',
};

/** Upper AQI bound of each level (inclusive). */
const AQI_LEVEL_MAX = [50, 100, 150, 200, 300, Infinity];

/** The HJ 633 level (1–6) of an AQI value. */
export function aqiLevelOf(aqi: number): number {
  return AQI_LEVEL_MAX.findIndex((max) => aqi <= max) + 1;
}

/** Text that stays readable on the level's colour (dark on green/yellow/orange, white on the rest). */
export function aqiTextColour(level: number): string {
  return level <= 3 ? '#1f1f1f' : '#ffffff';
}

export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;

export const WATER_CLASS_COLOURS: Readonly<Record<string, string>> = {
  I: '#33b5e5',
  II: '#1f6fd1',
  III: '#2db84d',
  IV: '#f5d200',
  V: '#ff8c00',
  劣V: '#e02424',
};

export function waterTextColour(cls: string): string {
  return cls === 'IV' || cls === 'V' || cls === 'I' ? '#1f1f1f' : '#ffffff';
}

/** Pollution sources and stations without a current assessment. */
export const NEUTRAL_COLOURS = { source: '#6b6f76', noData: '#c4c8cc' } as const;
