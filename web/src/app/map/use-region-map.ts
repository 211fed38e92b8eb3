import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef, type RefObject } from 'react';

/** The four provinces with a margin: the first view, before any boundary has loaded. */
const REGION_BOUNDS = L.latLngBounds([29.0, 114.8], [35.2, 122.9]);

/**
 * A Leaflet map of the Yangtze River Delta in `container`, with the configured tile layer when
 * there is one (none means offline: boundaries only). The view is set before any layer is
 * added, which Leaflet needs for vector layers. Declare this hook before the effects that add
 * layers: they run after it in the same commit and find the map in the returned ref.
 */
export function useRegionMap(
  container: RefObject<HTMLDivElement | null>,
  { maxZoom, tileUrl }: { maxZoom: number; tileUrl: string },
): RefObject<L.Map | null> {
  const mapRef = useRef<L.Map | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { zoomSnap: 0.25, minZoom: 5, maxZoom, attributionControl: false });
    map.fitBounds(REGION_BOUNDS, { animate: false });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [container, maxZoom]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, { maxZoom }).addTo(map);
    return () => void tiles.remove();
  }, [tileUrl, maxZoom]);

  return mapRef;
}
