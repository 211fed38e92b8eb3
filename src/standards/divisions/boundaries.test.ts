/* eslint-disable no-restricted-imports -- This test, unlike the modules beside it, reads files:
   the committed GeoJSON in web/public/geo and, to test the decoder, scripts/build-boundaries.ts
   with its ECharts source. The modules of standards/ stay pure. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeCollection, decodeRing, dissolve, simplifyShared, type IntPoint } from '../../../scripts/build-boundaries';
import {
  DIVISIONS,
  JIANGSU_ANHUI_BORDER_CODES,
  PROVINCE_BBOX,
  PROVINCE_CODES,
  TWO_PLUS_FIVE_CODES,
  bboxOfGeometry,
  findDivision,
  isRingClosed,
  pointInGeometry,
  ringSignedArea,
  type PolygonalGeometry,
} from './index';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const GEO_DIR = resolve(ROOT, 'web/public/geo');

interface Feature {
  type: string;
  properties: { code: string; name: string; nameEn: string; nameEnFull: string; level: string; parent: string | null; center: number[] };
  geometry: PolygonalGeometry;
}

function load(name: string): { type: string; features: Feature[] } {
  return JSON.parse(readFileSync(resolve(GEO_DIR, name), 'utf8')) as { type: string; features: Feature[] };
}

function polygonsOf(geometry: PolygonalGeometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

const provinces = load('yrd-provinces.geojson');
const cities = load('yrd-cities.geojson');
const tableCities = DIVISIONS.filter((d) => d.level === 'city');
const cityFeature = (code: string) => cities.features.find((f) => f.properties.code === code)!;

/** Pairs of cities (one from each set) whose boundaries share at least one segment's worth of vertices. */
function touchingCities(left: string, right: string): Set<string> {
  const vertices = (f: Feature) => new Set(polygonsOf(f.geometry).flatMap((p) => p.flatMap((r) => r.map((q) => `${q[0]},${q[1]}`))));
  const sides = [left, right].map((parent) => cities.features.filter((f) => f.properties.parent === parent).map((f) => ({ f, v: vertices(f) })));
  const touching = new Set<string>();
  for (const a of sides[0]!) {
    for (const b of sides[1]!) {
      let shared = 0;
      for (const k of a.v) if (b.v.has(k)) shared += 1;
      if (shared >= 2) touching.add(a.f.properties.code).add(b.f.properties.code);
    }
  }
  return touching;
}

describe('committed boundary GeoJSON (web/public/geo)', () => {
  it('stays within the size budget', () => {
    expect(statSync(resolve(GEO_DIR, 'yrd-provinces.geojson')).size).toBeLessThanOrEqual(150 * 1024);
    expect(statSync(resolve(GEO_DIR, 'yrd-cities.geojson')).size).toBeLessThanOrEqual(600 * 1024);
  });

  it('has the four province features with the right codes and properties', () => {
    expect(provinces.type).toBe('FeatureCollection');
    expect(provinces.features.map((f) => f.properties.code)).toEqual([...PROVINCE_CODES]);
    for (const f of provinces.features) {
      const d = findDivision(f.properties.code)!;
      expect(f.type).toBe('Feature');
      expect(f.properties).toEqual({
        code: d.code,
        name: d.name,
        nameEn: d.nameEn,
        nameEnFull: d.nameEnFull,
        level: 'province',
        parent: null,
        center: [...d.center],
      });
    }
  });

  it('has exactly one feature per city of the table and nothing else', () => {
    expect(cities.type).toBe('FeatureCollection');
    const codes = cities.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(tableCities.map((d) => d.code).sort());
    for (const f of cities.features) {
      const d = findDivision(f.properties.code)!;
      expect(f.type).toBe('Feature');
      expect(f.properties).toMatchObject({ name: d.name, nameEn: d.nameEn, level: 'city', parent: d.parent });
    }
  });

  it('has closed, RFC 7946-oriented rings with coordinates rounded to 4 decimals', () => {
    const problems: string[] = [];
    for (const f of [...provinces.features, ...cities.features]) {
      const code = f.properties.code;
      const type: string = f.geometry.type;
      if (type !== 'Polygon' && type !== 'MultiPolygon') problems.push(`${code}: geometry ${type}`);
      for (const [p, polygon] of polygonsOf(f.geometry).entries()) {
        if (polygon.length === 0) problems.push(`${code} polygon ${p}: no rings`);
        for (const [r, ring] of polygon.entries()) {
          if (!isRingClosed(ring)) problems.push(`${code} polygon ${p} ring ${r}: not closed`);
          // Exterior counter-clockwise, holes clockwise.
          if (Math.sign(ringSignedArea(ring)) !== (r === 0 ? 1 : -1)) problems.push(`${code} polygon ${p} ring ${r}: wrong orientation`);
          const bad = ring.find((q) => q.length !== 2 || q.some((v) => !Number.isFinite(v) || Math.abs(v * 1e4 - Math.round(v * 1e4)) > 1e-6));
          if (bad) problems.push(`${code} polygon ${p} ring ${r}: bad position ${JSON.stringify(bad)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('puts each city centre inside its own polygon and no other city', () => {
    for (const d of tableCities) {
      const containing = cities.features.filter((f) => pointInGeometry(d.center, f.geometry)).map((f) => f.properties.code);
      expect(containing, `${d.code} ${d.name}`).toEqual([d.code]);
      expect(pointInGeometry(d.center, provinces.features.find((f) => f.properties.code === d.parent)!.geometry)).toBe(true);
    }
  });

  it('puts province centres and listed county centres inside their own province and city', () => {
    for (const f of provinces.features) expect(pointInGeometry(findDivision(f.properties.code)!.center, f.geometry)).toBe(true);
    for (const d of DIVISIONS.filter((x) => x.level === 'county')) {
      expect(pointInGeometry(d.center, cityFeature(d.parent!).geometry), `${d.code} ${d.name}`).toBe(true);
    }
  });

  it('keeps each province inside its bounding box', () => {
    for (const f of provinces.features) {
      const [minLng, minLat, maxLng, maxLat] = bboxOfGeometry(f.geometry);
      const [bMinLng, bMinLat, bMaxLng, bMaxLat] = PROVINCE_BBOX[f.properties.code as keyof typeof PROVINCE_BBOX];
      expect(minLng).toBeGreaterThanOrEqual(bMinLng);
      expect(minLat).toBeGreaterThanOrEqual(bMinLat);
      expect(maxLng).toBeLessThanOrEqual(bMaxLng);
      expect(maxLat).toBeLessThanOrEqual(bMaxLat);
    }
  });

  it('agrees with the jiangsuAnhuiBorder flags: exactly the flagged cities touch the other province', () => {
    expect([...touchingCities('320000', '340000')].sort()).toEqual([...JIANGSU_ANHUI_BORDER_CODES].sort());
  });

  it('shows the "2+5" cities are exactly the cities on the Zhejiang–Anhui border', () => {
    expect([...touchingCities('330000', '340000')].sort()).toEqual([...TWO_PLUS_FIVE_CODES].sort());
  });
});

describe('scripts/build-boundaries helpers', () => {
  it('decodes zig-zag deltas from the offset', () => {
    // 'B' = +1, 'A' = −1, '@' = 0, 'D' = +2, 'C' = −2.
    expect(decodeRing('BA@@DC', [100, 200])).toEqual([
      [101, 199],
      [101, 199],
      [103, 197],
    ]);
    // The degenerate "@@@@" ring is two copies of the offset.
    expect(decodeRing('@@@@', [5, 6])).toEqual([
      [5, 6],
      [5, 6],
    ]);
    expect(() => decodeRing('@@@', [0, 0])).toThrow(/odd length/);
  });

  it('decodes the real Shanghai file to around lng 121.4, lat 31.2', () => {
    const json: unknown = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/echarts-v4-maps/map/json/province/shanghai.json'), 'utf8'));
    const { scale, features } = decodeCollection(json, 'shanghai.json');
    expect(scale).toBe(1024);
    const huangpu = features.find((f) => f.name === '黄浦区')!;
    const ring = huangpu.polygons[0]![0]!.map(([x, y]) => [x / scale, y / scale] as const);
    const lngs = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    expect(Math.min(...lngs)).toBeGreaterThan(121.4);
    expect(Math.max(...lngs)).toBeLessThan(121.6);
    expect(Math.min(...lats)).toBeGreaterThan(31.1);
    expect(Math.max(...lats)).toBeLessThan(31.3);
  });

  it('dissolves two neighbours into one outline', () => {
    const left: IntPoint[] = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const right: IntPoint[] = [[1, 0], [2, 0], [2, 1], [1, 1]];
    const merged = dissolve([[left], [right]], 0);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toHaveLength(1);
    const outline = merged[0]![0]!;
    expect(outline).toHaveLength(6); // the two ends of the shared edge stay as (collinear) vertices
    expect(outline.every((p) => !(p[0] === 1 && p[1] === 0.5))).toBe(true);
  });

  it('simplifies a shared border identically for both neighbours', () => {
    // A wiggly shared border from (10, 0) to (10, 100), traversed in opposite directions.
    const border: IntPoint[] = Array.from({ length: 101 }, (_, i) => [10 + (i % 2) * 0.5 + (i === 50 ? 8 : 0), i] as const);
    const west: IntPoint[] = [[0, 0], ...border, [0, 100]];
    const east: IntPoint[] = [[20, 100], ...[...border].reverse(), [20, 0]];
    const [w, e] = simplifyShared([west, east], 1);
    const shared = (ring: readonly IntPoint[]) => ring.filter((p) => p[0] >= 10 && p[0] <= 18).map((p) => `${p[0]},${p[1]}`);
    expect(w).toBeDefined();
    expect(e).toBeDefined();
    expect(shared(w!).length).toBeLessThan(10);
    expect(shared(w!)).toEqual([...shared(e!)].reverse());
    expect(shared(w!)).toContain('18,50');
  });
});
