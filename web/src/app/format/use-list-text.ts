import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Joins codes or names with the reader's list separator (、 in Chinese, a comma in English). */
export function useListText(): (items: readonly string[]) => string {
  const { t } = useTranslation();
  const separator = t('common.listSeparator');
  return useCallback((items: readonly string[]) => items.join(separator), [separator]);
}
