import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Names an HJ 212-2017 parameter code (a34004 → 细颗粒物 PM₂.₅); unknown codes show as themselves. */
export function useParameterLabel(): (code: string) => string {
  const { t } = useTranslation();
  const labels = t('monitoring.params', { returnObjects: true }) as Record<string, string | undefined>;
  return useCallback((code: string) => labels[code] ?? code, [labels]);
}

/** The same as useParameterLabel, with the code appended: "细颗粒物 PM₂.₅ (a34004)". */
export function useParameterLabelWithCode(): (code: string) => string {
  const label = useParameterLabel();
  return useCallback((code: string) => {
    const name = label(code);
    return name === code ? code : `${name} (${code})`;
  }, [label]);
}

/** A measured or aggregated value with sensible decimals for its magnitude (47.831… → 47.83). */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
  return String(Number(value.toFixed(decimals)));
}
