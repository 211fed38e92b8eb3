/**
 * The English texts of a feature: the Chinese table's shape, plus an optional `<key>_one` beside
 * any text, for the singular of a `{{count}}` text ("1 dataset" / "3 datasets"). Chinese has one
 * plural form, so only English carries them; i18next picks `<key>_one` for a count of 1 and falls
 * back to `<key>` otherwise.
 */
export type WithEnglishPlurals<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends Record<string, unknown> ? WithEnglishPlurals<T[K]> : T[K];
} & { [K in keyof T as T[K] extends string ? `${K & string}_one` : never]?: string };
