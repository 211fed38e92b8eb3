import type { CircleMarkerOptions, PathOptions } from 'leaflet';
import type { DivisionCity } from '../../app/reference/divisions';

/** Colours of the home map, shared by the map and its legend. */
export const MAP_COLOURS = {
  ownProvince: '#f0a020',
  ownProvinceFill: '#fbd98a',
  province: '#2f6f62',
  provinceFill: '#cfe3dc',
  cityBoundary: '#6a9c91',
  city: '#1f6fb2',
  twoPlusFive: '#d4380d',
  jiangsuAnhuiBorder: '#722ed1',
} as const;

export function provinceStyle(own: boolean): PathOptions {
  return own
    ? { color: MAP_COLOURS.ownProvince, weight: 3, fillColor: MAP_COLOURS.ownProvinceFill, fillOpacity: 0.65 }
    : { color: MAP_COLOURS.province, weight: 1.5, fillColor: MAP_COLOURS.provinceFill, fillOpacity: 0.55 };
}

export const CITY_BOUNDARY_STYLE: PathOptions = {
  color: MAP_COLOURS.cityBoundary,
  weight: 0.6,
  opacity: 0.8,
  dashArray: '3 3',
  fill: false,
  interactive: false,
};

/**
 * A city marker: 2+5 cities are larger and red, Jiangsu–Anhui border cities get a thick purple
 * ring, so a city that is both shows both.
 */
export function cityMarkerStyle(city: Pick<DivisionCity, 'twoPlusFive' | 'jiangsuAnhuiBorder'>): CircleMarkerOptions {
  return {
    radius: city.twoPlusFive ? 7 : 5,
    fillColor: city.twoPlusFive ? MAP_COLOURS.twoPlusFive : MAP_COLOURS.city,
    fillOpacity: 0.95,
    color: city.jiangsuAnhuiBorder ? MAP_COLOURS.jiangsuAnhuiBorder : '#ffffff',
    weight: city.jiangsuAnhuiBorder ? 3.5 : 1.5,
  };
}
