import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';

/** Turns any failure into a sentence in the reader's language (the server's text for API errors). */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => (error instanceof ApiError ? error.textFor(i18n.language) : t('errors.unexpected')),
    [t, i18n.language],
  );
}
