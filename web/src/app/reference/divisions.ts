import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE } from '../../../../src/contracts/common';
import type { DivisionCity, DivisionProvince, DivisionsResponse } from '../../../../src/contracts/reference';
import { api } from '../api/api-client';
import { ApiError } from '../api/api-error';

export type { DivisionCity, DivisionProvince, DivisionsResponse };

// Divisions never change while the page is open: fetch once, share the answer.
let cached: Promise<DivisionsResponse> | null = null;

function loadDivisions(): Promise<DivisionsResponse> {
  cached ??= api.get<DivisionsResponse>('/divisions').catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export interface Divisions {
  data: DivisionsResponse | undefined;
  error: ApiError | undefined;
  /** The name of a province, city or the whole region (`000000`) in the current language; the code if unknown. */
  nameOf(code: string | null | undefined): string;
}

/** Provinces and cities of the region, with names in the current language. */
export function useDivisions(): Divisions {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<DivisionsResponse>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    let live = true;
    loadDivisions()
      .then((result) => live && setData(result))
      .catch((failure: unknown) => live && setError(failure instanceof ApiError ? failure : ApiError.network(failure)));
    return () => {
      live = false;
    };
  }, []);

  const names = useMemo(() => {
    const map = new Map<string, { name: string; nameEn: string }>();
    for (const province of data?.provinces ?? []) {
      map.set(province.code, province);
      for (const city of province.cities) map.set(city.code, city);
    }
    return map;
  }, [data]);

  const english = i18n.language === 'en';
  const nameOf = (code: string | null | undefined) => {
    if (!code) return '—';
    if (code === REGION_CODE) return t('divisions.region');
    const entry = names.get(code);
    if (!entry) return code;
    return english ? entry.nameEn : entry.name;
  };
  return { data, error, nameOf };
}
