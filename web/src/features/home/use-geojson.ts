import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'react';

/** Properties of the region's boundary files under /geo/. */
export interface DivisionFeatureProperties {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parent: string | null;
}

export type DivisionCollection = FeatureCollection<Geometry, DivisionFeatureProperties>;

export interface GeoJsonState {
  data: DivisionCollection | undefined;
  failed: boolean;
}

/** Loads a boundary file shipped with the web app (same origin, no external map service). */
export function useGeoJson(url: string): GeoJsonState {
  const [state, setState] = useState<GeoJsonState>({ data: undefined, failed: false });
  useEffect(() => {
    let live = true;
    fetch(url, { headers: { accept: 'application/geo+json, application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.json() as Promise<DivisionCollection>;
      })
      .then((data) => live && setState({ data, failed: false }))
      .catch(() => live && setState({ data: undefined, failed: true }));
    return () => {
      live = false;
    };
  }, [url]);
  return state;
}
