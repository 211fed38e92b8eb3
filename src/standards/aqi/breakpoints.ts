/** Which HJ 633 edition: 2012 (with GB 3095-2012) or 2026 (with GB 3095-2026, in force 2026-03-01). */
export type AqiStandard = '2012' | '2026';

/** One breakpoint column of HJ 633 Table 1: a pollutant at one averaging time. */
export type AqiIndicator =
  | 'SO2_24H'
  | 'SO2_1H'
  | 'NO2_24H'
  | 'NO2_1H'
  | 'PM10_24H'
  | 'CO_24H'
  | 'CO_1H'
  | 'O3_1H'
  | 'O3_8H'
  | 'PM25_24H';

/** IAQI levels of the table rows. */
export const IAQI_LEVELS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

type Column = readonly (number | null)[];

/**
 * HJ 633-2012 Table 1 (domain-standards.md §1.1). µg/m³, CO in mg/m³. null = no breakpoint
 * (SO2 1 h above 800 and O3 8 h above 800 have special rules instead).
 */
const TABLE_2012: Readonly<Record<AqiIndicator, Column>> = {
  SO2_24H: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  SO2_1H: [0, 150, 500, 650, 800, null, null, null],
  NO2_24H: [0, 40, 80, 180, 280, 565, 750, 940],
  NO2_1H: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  PM10_24H: [0, 50, 150, 250, 350, 420, 500, 600],
  CO_24H: [0, 2, 4, 14, 24, 36, 48, 60],
  CO_1H: [0, 5, 10, 35, 60, 90, 120, 150],
  O3_1H: [0, 160, 200, 300, 400, 800, 1000, 1200],
  O3_8H: [0, 100, 160, 215, 265, 800, null, null],
  PM25_24H: [0, 35, 75, 115, 150, 250, 350, 500],
};

/** HJ 633-2026 differs only in the IAQI = 100 row: PM10 150 → 120, PM2.5 75 → 60. */
const TABLE_2026: Readonly<Record<AqiIndicator, Column>> = {
  ...TABLE_2012,
  PM10_24H: [0, 50, 120, 250, 350, 420, 500, 600],
  PM25_24H: [0, 35, 60, 115, 150, 250, 350, 500],
};

/** The breakpoint column of an indicator under a standard, aligned with {@link IAQI_LEVELS}. */
export function breakpointsOf(indicator: AqiIndicator, standard: AqiStandard): Column {
  return (standard === '2012' ? TABLE_2012 : TABLE_2026)[indicator];
}
