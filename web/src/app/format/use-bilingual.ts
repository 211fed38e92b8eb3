import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Picks the reader's half of a value kept in both languages (dataset titles, schema labels):
 * the English one in the English UI when there is one, else the Chinese one.
 */
export function useBilingual(): (zh: string, en: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return useCallback((zh: string, en: string | null | undefined) => (english && en ? en : zh), [english]);
}
