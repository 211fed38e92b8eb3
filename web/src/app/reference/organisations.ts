import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../../src/contracts/identity';
import { api } from '../api/api-client';
import type { Page } from '../api/page';

/** The most the API returns in one page; enough for the region's organisation directory. */
const DIRECTORY_LIMIT = 500;

let cached: Promise<Organisation[]> | null = null;

/** Forgets the directory, e.g. after an organisation was created or renamed. */
export function invalidateOrganisationDirectory(): void {
  cached = null;
}

export interface OrganisationDirectory {
  organisations: Organisation[];
  loading: boolean;
  byId(id: string | null | undefined): Organisation | undefined;
  /** The organisation's name in the current language, or a short id when it is not in the directory. */
  nameOf(id: string | null | undefined): string;
  /**
   * For a name the API sent with the id (in Chinese): the English name from the directory when
   * the page is in English, else the name as sent.
   */
  localName(id: string, sentName: string): string;
}

/** The organisations visible to the user, to show names for ids and to fill pickers. */
export function useOrganisationDirectory(): OrganisationDirectory {
  const { i18n } = useTranslation();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    cached ??= api
      .get<Page<Organisation>>('/organisations', { limit: DIRECTORY_LIMIT })
      .then((page) => page.items)
      .catch((error: unknown) => {
        cached = null;
        throw error;
      });
    cached
      .then((items) => live && setOrganisations(items))
      .catch(() => undefined)
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  const byId = useCallback((id: string | null | undefined) => (id ? organisations.find((org) => org.id === id) : undefined), [organisations]);
  const english = i18n.language === 'en';
  const nameOf = useCallback(
    (id: string | null | undefined) => {
      if (!id) return '—';
      const organisation = byId(id);
      if (!organisation) return id.slice(0, 8);
      return english ? organisation.nameEn : organisation.name;
    },
    [byId, english],
  );
  const localName = useCallback((id: string, sentName: string) => (english ? (byId(id)?.nameEn ?? sentName) : sentName), [byId, english]);
  return { organisations, loading, byId, nameOf, localName };
}
