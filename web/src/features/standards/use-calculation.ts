import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/api-client';
import { useErrorText } from '../../app/format/use-error-text';

/** One POST to the calculator: the last result, whether it is running, and a failed request's text. */
export function useCalculation<Request, Response>(path: string) {
  const errorText = useErrorText();
  const [result, setResult] = useState<Response | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (request: Request) => {
      setRunning(true);
      setError(null);
      try {
        setResult(await api.post<Response>(path, request));
      } catch (failure) {
        setResult(null);
        setError(errorText(failure));
      } finally {
        setRunning(false);
      }
    },
    [path, errorText],
  );
  return { result, running, error, run };
}

/** The reader's text for an item failure: our wording for a known code, else the library's message. */
export function useReasonText(): (error: { code: string; message: string }) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: { code: string; message: string }) => {
      const key = `standards.reasons.${error.code}`;
      return i18n.exists(key) ? `${t(key as 'standards.reasons.CRC_MISMATCH')} (${error.message})` : `${error.code}: ${error.message}`;
    },
    [t, i18n],
  );
}
