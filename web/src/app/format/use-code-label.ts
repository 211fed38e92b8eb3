import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Label tables of codes that modules keep adding to (see src/contracts). */
export type CodeLabelTable = 'permissions' | 'users.roles' | 'organisations.kinds' | 'audit.actions';

/**
 * Names codes such as `users:read`, `org_admin` or `auth.login` in the reader's language. A code
 * without a label yet (a module added it after the last translation) shows as itself.
 */
export function useCodeLabel(table: CodeLabelTable): (code: string) => string {
  const { t } = useTranslation();
  const labels = t(table, { returnObjects: true }) as Record<string, string | undefined>;
  return useCallback((code: string) => labels[code] ?? code, [labels]);
}
