import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useRegionMap } from '../../app/map/use-region-map';
import type { DivisionProvince } from '../../app/reference/divisions';
import { CITY_BOUNDARY_STYLE, cityMarkerStyle, provinceStyle } from './map-style';
import type { DivisionCollection } from './use-geojson';

export interface YrdMapProps {
  provinces: DivisionCollection | undefined;
  cities: DivisionCollection | undefined;
  /** Provinces and cities with their centres and 2+5 / border flags (for markers and labels). */
  divisions: DivisionProvince[] | undefined;
  /** Province to highlight (the user's own); none for region-wide bodies. */
  ownProvinceCode: string | null;
  english: boolean;
  /** Tile URL template; empty means boundaries only (offline). */
  tileUrl: string;
  /** Accessible description of the map. */
  label: string;
}

/**
 * The region map: province areas (the user's own highlighted), city boundaries as a thinner
 * layer, and one circle marker per city with its name as tooltip.
 */
export function YrdMap({ provinces, cities, divisions, ownProvinceCode, english, tileUrl, label }: YrdMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRegionMap(container, { maxZoom: 12, tileUrl });

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !provinces) return;
    const layer = L.geoJSON(provinces, {
      style: (feature) => provinceStyle(feature?.properties.code === ownProvinceCode),
      onEachFeature: (feature, path) => path.bindTooltip(english ? feature.properties.nameEn : feature.properties.name, { sticky: true }),
    }).addTo(map);
    layer.bringToBack();
    const bounds = layer.getBounds();
    // No animation: a page left mid-animation would make Leaflet touch removed panes.
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], animate: false });
    return () => void layer.remove();
  }, [provinces, ownProvinceCode, english]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !cities) return;
    const layer = L.geoJSON(cities, { style: () => CITY_BOUNDARY_STYLE }).addTo(map);
    return () => void layer.remove();
  }, [cities]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !divisions) return;
    const group = L.layerGroup();
    for (const province of divisions) {
      const [lng, lat] = province.center;
      L.tooltip({ permanent: true, direction: 'center', className: 'yrd-map__province-label', interactive: false })
        .setLatLng([lat, lng])
        .setContent(english ? province.nameEn : province.name)
        .addTo(group);
      for (const city of province.cities) {
        const [cityLng, cityLat] = city.center;
        L.circleMarker([cityLat, cityLng], cityMarkerStyle(city))
          .bindTooltip(english ? city.nameEnFull : city.name, { direction: 'top', offset: [0, -6] })
          .addTo(group);
      }
    }
    group.addTo(map);
    return () => void group.remove();
  }, [divisions, english]);

  return <div ref={container} className="yrd-map" role="region" aria-label={label} data-testid="yrd-map" />;
}
