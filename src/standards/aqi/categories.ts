/** AQI level 1–6 (一级 … 六级). */
export type AqiLevel = 1 | 2 | 3 | 4 | 5 | 6;

export interface AqiCategory {
  readonly level: AqiLevel;
  readonly levelName: string;
  /** 优, 良, 轻度污染, 中度污染, 重度污染, 严重污染. */
  readonly category: string;
  readonly categoryEn: string;
  /** Annex A colour, e.g. `#00E400`. The Chinese purple is (153,0,76), not the US EPA one. */
  readonly color: string;
  readonly colorName: string;
  /** Upper AQI bound of the level, inclusive (50 is 优, 51 is 良). */
  readonly maxAqi: number;
}

/** HJ 633 Table 2 and Annex A (same in 2012 and 2026). */
export const AQI_CATEGORIES: readonly AqiCategory[] = [
  { level: 1, levelName: '一级', category: '优', categoryEn: 'Excellent', color: '#00E400', colorName: '绿色', maxAqi: 50 },
  { level: 2, levelName: '二级', category: '良', categoryEn: 'Good', color: '#FFFF00', colorName: '黄色', maxAqi: 100 },
  { level: 3, levelName: '三级', category: '轻度污染', categoryEn: 'Lightly polluted', color: '#FF7E00', colorName: '橙色', maxAqi: 150 },
  { level: 4, levelName: '四级', category: '中度污染', categoryEn: 'Moderately polluted', color: '#FF0000', colorName: '红色', maxAqi: 200 },
  { level: 5, levelName: '五级', category: '重度污染', categoryEn: 'Heavily polluted', color: '#99004C', colorName: '紫色', maxAqi: 300 },
  { level: 6, levelName: '六级', category: '严重污染', categoryEn: 'Severely polluted', color: '#7E0023', colorName: '褐红色', maxAqi: Infinity },
];

/** Category of an (integer) AQI. */
export function aqiCategoryOf(aqi: number): AqiCategory {
  return AQI_CATEGORIES.find((c) => aqi <= c.maxAqi) ?? AQI_CATEGORIES[AQI_CATEGORIES.length - 1]!;
}
