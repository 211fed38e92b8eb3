import { useEffect, useState } from 'react';
import { api } from '../api/api-client';

/** `GET /api/v1/meta`: public facts about this installation. */
export interface PlatformMeta {
  name: string;
  nameEn: string;
  version: string;
  /** Base-map tile URL template; empty means boundaries only, fully offline. */
  mapTileUrl: string;
}

let cached: Promise<PlatformMeta> | null = null;

/** Platform facts, fetched once per page load; undefined until they arrive (or if they fail). */
export function usePlatformMeta(): PlatformMeta | undefined {
  const [meta, setMeta] = useState<PlatformMeta>();
  useEffect(() => {
    let live = true;
    cached ??= api.get<PlatformMeta>('/meta').catch((error: unknown) => {
      cached = null;
      throw error;
    });
    cached.then((result) => live && setMeta(result)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return meta;
}
