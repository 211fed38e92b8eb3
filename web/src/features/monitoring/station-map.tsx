import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useRegionMap } from '../../app/map/use-region-map';
import type { DivisionCollection } from '../home/use-geojson';

const PROVINCE_STYLE: L.PathOptions = { color: '#2f6f62', weight: 1.5, fillColor: '#e3eeea', fillOpacity: 0.6 };

/** One station as drawn on the map. */
export interface MapStation {
  id: string;
  lat: number;
  lng: number;
  kind: string;
  fill: string;
  /** Tooltip on hover. */
  title: string;
  /** Popup content, built on click. */
  popup(): HTMLElement;
}

export interface StationMapProps {
  provinces: DivisionCollection | undefined;
  stations: MapStation[];
  english: boolean;
  tileUrl: string;
  label: string;
}

/**
 * The station map: offline province boundaries, an optional tile layer, and one circle marker
 * per station coloured by its latest assessment (the caller chooses the colour).
 */
export function StationMap({ provinces, stations, english, tileUrl, label }: StationMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRegionMap(container, { maxZoom: 14, tileUrl });

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !provinces) return;
    const layer = L.geoJSON(provinces, {
      style: () => PROVINCE_STYLE,
      interactive: false,
    }).addTo(map);
    layer.bringToBack();
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], animate: false });
    return () => void layer.remove();
  }, [provinces, english]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.featureGroup();
    for (const station of stations) {
      const marker = L.circleMarker([station.lat, station.lng], {
        radius: station.kind === 'air' ? 7 : 6,
        fillColor: station.fill,
        fillOpacity: 0.95,
        color: station.kind === 'surface_water' ? '#0b3d91' : station.kind === 'pollution_source' ? '#333333' : '#ffffff',
        weight: station.kind === 'air' ? 1.5 : 2,
        className: `station-marker station-marker--${station.kind}`,
      });
      marker.bindTooltip(station.title, { direction: 'top', offset: [0, -6] });
      marker.bindPopup(() => station.popup(), { autoPanPadding: [24, 24] });
      marker.addTo(group);
    }
    group.addTo(map);
    return () => void group.remove();
  }, [stations]);

  return <div ref={container} className="station-map" role="region" aria-label={label} data-testid="station-map" />;
}
