import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type QueryParams } from './api-client';
import { ApiError } from './api-error';

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again with the same path and query. */
  reload(): void;
}

/**
 * GETs `path` (relative to /api/v1) and refetches whenever the path or the query values
 * change. Pass `null` as the path to wait (e.g. until an id is known). An answer that arrives
 * after a newer request was started is dropped.
 */
export function useApiQuery<T>(path: string | null, query?: QueryParams): ApiQuery<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    api
      .get<T>(path, JSON.parse(queryKey) as QueryParams)
      .then((result) => {
        if (ticket !== latest.current) return;
        setData(result);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (ticket !== latest.current) return;
        setError(failure instanceof ApiError ? failure : ApiError.network(failure));
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  }, [path, queryKey, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
