/**
 * Builds the offline boundary files of the four parties from the map data shipped with
 * Apache ECharts 4.9.0 (devDependency `echarts-v4-maps`, Apache-2.0):
 *
 *   web/public/geo/yrd-provinces.geojson   上海 江苏 浙江 安徽 (4 features)
 *   web/public/geo/yrd-cities.geojson      every city-level unit of src/standards/divisions (41)
 *
 * Run: npx tsx scripts/build-boundaries.ts
 *
 * Steps:
 * 1. Decode `map/json/province/{shanghai,jiangsu,zhejiang,anhui}.json`. The per-province files
 *    are used rather than `china-cities.json` because they are newer: they have 寿县 in 淮南 and
 *    枞阳 in 铜陵 (moved in 2015), and Shanghai as 16 districts with 崇明区 (2016), whereas
 *    china-cities.json still has the pre-2015 Anhui cities and stores multi-part cities as one
 *    polygon with several "holes".
 *    The format ("UTF8Encoding"): each ring is a string of character pairs; each character code
 *    minus 64 is a zig-zag encoded delta from the previous point, starting at the ring's
 *    `encodeOffsets` pair; coordinates are those integers divided by `UTF8Scale` (default 1024).
 *    Decoding is kept in those integer units until the end, so shared borders compare exactly.
 * 2. Clean: drop repeated points, drop degenerate rings ("@@@@" and other rings with fewer than
 *    three distinct points), orient exteriors counter-clockwise and holes clockwise (RFC 7946).
 * 3. Shanghai's city-level unit 310100 is the dissolve of its districts; each province is the
 *    dissolve of its cities (edges shared by two neighbours cancel; the rest is chained into
 *    rings). Polygons below MIN_POLYGON_AREA (tiny islets, dissolve slivers) are dropped.
 * 4. Simplify all rings together with a shared-arc Douglas–Peucker: rings are cut at junctions
 *    (points where the neighbours differ), each arc is simplified once, so neighbouring cities
 *    and the province outline keep identical borders (no gaps or overlaps added).
 * 5. Close rings, round to 4 decimals and attach { code, name, nameEn, nameEnFull, level,
 *    parent, center } from the divisions table. Every table centre must fall inside its own
 *    feature, or the build fails.
 *
 * The data predate 2019 (ECharts 4 map data); no prefecture-level boundary in these four
 * provinces is known to have changed since 2016. See web/public/geo/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIVISIONS, PROVINCE_CODES, citiesOf, findDivision, pointInGeometry, type Division, type PolygonalGeometry } from '../src/standards/divisions';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIR = resolve(ROOT, 'node_modules/echarts-v4-maps/map/json/province');
const OUT_DIR = resolve(ROOT, 'web/public/geo');

const PROVINCE_FILES: Readonly<Record<string, string>> = {
  '310000': 'shanghai.json',
  '320000': 'jiangsu.json',
  '330000': 'zhejiang.json',
  '340000': 'anhui.json',
};

/** Douglas–Peucker tolerance in source units (1/1024°, about 100 m): 2 ≈ 200 m. */
const TOLERANCE = 2;
/** Polygons smaller than this (source units², ≈ 100 units² per km²) are dropped: islets, slivers. */
const MIN_POLYGON_AREA = 100;
/** Holes smaller than this left by a dissolve are gaps between neighbours, not real holes. */
const MIN_HOLE_AREA = 100;

// ---------------------------------------------------------------------------------------------
// Decoding

/** A point in source units: degrees × encodeScale, an integer. */
export type IntPoint = readonly [number, number];
/** Rings of one polygon: exterior first, then holes; unclosed (the first point is not repeated). */
export type IntPolygon = IntPoint[][];

interface EncodedGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets: unknown;
}

interface EncodedFeature {
  id?: string;
  type?: string;
  properties: { name: string; cp?: [number, number] };
  geometry: EncodedGeometry;
}

interface EncodedCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EncodedFeature[];
}

export interface DecodedFeature {
  id: string | undefined;
  name: string;
  cp: [number, number] | undefined;
  polygons: IntPolygon[];
}

/** Decodes one ring: pairs of characters, zig-zag deltas from `offset`, in source units. */
export function decodeRing(encoded: string, offset: readonly [number, number]): IntPoint[] {
  if (encoded.length % 2 !== 0) throw new Error(`encoded ring has odd length ${encoded.length}`);
  const points: IntPoint[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let dx = encoded.charCodeAt(i) - 64;
    let dy = encoded.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    prevX += dx;
    prevY += dy;
    points.push([prevX, prevY]);
  }
  return points;
}

function asOffset(value: unknown, where: string): readonly [number, number] {
  if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number')) return value as [number, number];
  throw new Error(`bad encodeOffsets at ${where}`);
}

function decodePolygon(rings: unknown, offsets: unknown, where: string): IntPolygon {
  if (!Array.isArray(rings) || !Array.isArray(offsets) || rings.length !== offsets.length) {
    throw new Error(`rings and encodeOffsets do not match at ${where}`);
  }
  return rings.map((ring, i) => {
    if (typeof ring !== 'string') throw new Error(`ring ${i} of ${where} is not encoded`);
    return decodeRing(ring, asOffset(offsets[i], `${where}/${i}`));
  });
}

/** Decodes an ECharts 4 "UTF8Encoding" FeatureCollection; returns the scale and features in source units. */
export function decodeCollection(json: unknown, label: string): { scale: number; features: DecodedFeature[] } {
  const collection = json as EncodedCollection;
  if (!collection || !Array.isArray(collection.features)) throw new Error(`${label}: not a FeatureCollection`);
  if (collection.UTF8Encoding !== true) throw new Error(`${label}: expected the UTF8Encoding format`);
  const scale = collection.UTF8Scale ?? 1024;
  const features = collection.features.map((feature, index): DecodedFeature => {
    const where = `${label}#${index} ${feature.properties?.name ?? '?'}`;
    const { type, coordinates, encodeOffsets } = feature.geometry;
    let polygons: IntPolygon[];
    if (type === 'Polygon') {
      polygons = [decodePolygon(coordinates, encodeOffsets, where)];
    } else if (type === 'MultiPolygon') {
      if (!Array.isArray(coordinates) || !Array.isArray(encodeOffsets) || coordinates.length !== encodeOffsets.length) {
        throw new Error(`polygons and encodeOffsets do not match at ${where}`);
      }
      polygons = coordinates.map((rings, i) => decodePolygon(rings, encodeOffsets[i], `${where}/${i}`));
    } else {
      throw new Error(`unexpected geometry type ${type} at ${where}`);
    }
    return { id: feature.id, name: feature.properties.name, cp: feature.properties.cp, polygons };
  });
  return { scale, features };
}

// ---------------------------------------------------------------------------------------------
// Planar helpers in source units

function key(p: IntPoint): string {
  return `${p[0]},${p[1]}`;
}

function same(a: IntPoint, b: IntPoint): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Signed shoelace area of an unclosed ring; positive = counter-clockwise. */
export function signedArea(ring: readonly IntPoint[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return twice / 2;
}

function insideRing(p: IntPoint, ring: readonly IntPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[j]!;
    if (ay > p[1] !== by > p[1] && p[0] < ax + ((p[1] - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside;
}

/**
 * Removes consecutive repeats and a repeated closing point. Returns undefined for a degenerate
 * ring (fewer than three distinct points or no area).
 */
export function cleanRing(ring: readonly IntPoint[]): IntPoint[] | undefined {
  const out: IntPoint[] = [];
  for (const p of ring) if (out.length === 0 || !same(out[out.length - 1]!, p)) out.push(p);
  while (out.length > 1 && same(out[0]!, out[out.length - 1]!)) out.pop();
  if (out.length < 3 || signedArea(out) === 0) return undefined;
  return out;
}

/** Cleans every ring and orients exteriors CCW, holes CW; drops polygons whose exterior is degenerate. */
export function cleanPolygons(polygons: readonly IntPolygon[], stats: { degenerateRings: number }): IntPolygon[] {
  const out: IntPolygon[] = [];
  for (const polygon of polygons) {
    const rings: IntPoint[][] = [];
    for (const [index, ring] of polygon.entries()) {
      const cleaned = cleanRing(ring);
      if (!cleaned) {
        stats.degenerateRings += 1;
        if (index === 0) break;
        continue;
      }
      const wantPositive = index === 0;
      rings.push(signedArea(cleaned) > 0 === wantPositive ? cleaned : cleaned.reverse());
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}

/** Drops polygons with an exterior smaller than `minArea`, but never the largest one. */
function dropSmallPolygons(polygons: IntPolygon[], minArea: number): IntPolygon[] {
  if (polygons.length <= 1) return polygons;
  const areas = polygons.map((p) => signedArea(p[0]!));
  const largest = Math.max(...areas);
  return polygons.filter((_, i) => areas[i]! >= minArea || areas[i] === largest);
}

// ---------------------------------------------------------------------------------------------
// Dissolve

/**
 * Merges oriented polygons into their union outline: a directed edge cancels its reverse (a
 * border shared by two neighbours), the remaining edges are chained into rings, taking the
 * sharpest left turn at a vertex with several exits so touching parts become separate rings.
 * Counter-clockwise results are exteriors; clockwise ones are holes, kept only if at least
 * `minHoleArea` (smaller ones are slivers between neighbours whose borders do not match exactly).
 */
export function dissolve(polygons: readonly IntPolygon[], minHoleArea: number): IntPolygon[] {
  const count = new Map<string, { from: IntPoint; to: IntPoint; n: number }>();
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i++) {
        const from = ring[i]!;
        const to = ring[(i + 1) % ring.length]!;
        const k = `${key(from)}>${key(to)}`;
        const entry = count.get(k);
        if (entry) entry.n += 1;
        else count.set(k, { from, to, n: 1 });
      }
    }
  }
  interface Edge {
    from: IntPoint;
    to: IntPoint;
    used: boolean;
  }
  const edges: Edge[] = [];
  const exits = new Map<string, Edge[]>();
  for (const { from, to, n } of count.values()) {
    const reverse = count.get(`${key(to)}>${key(from)}`)?.n ?? 0;
    for (let i = 0; i < n - reverse; i++) {
      const edge: Edge = { from, to, used: false };
      edges.push(edge);
      const list = exits.get(key(from));
      if (list) list.push(edge);
      else exits.set(key(from), [edge]);
    }
  }

  const turn = (a: IntPoint, b: IntPoint, c: IntPoint): number => {
    const ux = b[0] - a[0];
    const uy = b[1] - a[1];
    const vx = c[0] - b[0];
    const vy = c[1] - b[1];
    return Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  };

  const rings: IntPoint[][] = [];
  for (const start of edges) {
    if (start.used) continue;
    start.used = true;
    const ring: IntPoint[] = [start.from];
    let current = start;
    while (!same(current.to, start.from)) {
      ring.push(current.to);
      const options = (exits.get(key(current.to)) ?? []).filter((e) => !e.used);
      if (options.length === 0) break;
      let best = options[0]!;
      let bestTurn = turn(current.from, current.to, best.to);
      for (const option of options.slice(1)) {
        const t = turn(current.from, current.to, option.to);
        if (t > bestTurn) {
          best = option;
          bestTurn = t;
        }
      }
      best.used = true;
      current = best;
    }
    const cleaned = cleanRing(ring);
    if (cleaned) rings.push(cleaned);
  }

  const exteriors = rings.filter((r) => signedArea(r) > 0);
  const result: IntPolygon[] = exteriors.map((r) => [r]);
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    if (-signedArea(hole) < minHoleArea) continue;
    const owners = result.filter((p) => insideRing(hole[0]!, p[0]!));
    owners.sort((a, b) => signedArea(a[0]!) - signedArea(b[0]!));
    owners[0]?.push(hole);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Simplification

function segmentDistance(p: IntPoint, a: IntPoint, b: IntPoint): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open path; keeps both ends. Works when the ends coincide (closed path). */
export function douglasPeucker(path: readonly IntPoint[], tolerance: number): IntPoint[] {
  if (path.length <= 2) return [...path];
  const keep = new Uint8Array(path.length);
  keep[0] = 1;
  keep[path.length - 1] = 1;
  const stack: [number, number][] = [[0, path.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(path[i]!, path[first]!, path[last]!);
      if (d > farthestDistance) {
        farthest = i;
        farthestDistance = d;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return path.filter((_, i) => keep[i] === 1);
}

/**
 * Simplifies many rings at once so that shared borders stay shared. A point is a junction when
 * it is met with different neighbours in different places; rings are cut into arcs at junctions
 * and each distinct arc (in either direction) is simplified once. Rings without junctions are
 * started at their smallest point so identical rings simplify identically. Rings that collapse
 * to fewer than three points come back as undefined.
 */
export function simplifyShared(rings: readonly (readonly IntPoint[])[], tolerance: number): (IntPoint[] | undefined)[] {
  const neighbours = new Map<string, Set<string>>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const prev = key(ring[(i - 1 + ring.length) % ring.length]!);
      const next = key(ring[(i + 1) % ring.length]!);
      const pair = prev < next ? `${prev}|${next}` : `${next}|${prev}`;
      const k = key(ring[i]!);
      const set = neighbours.get(k);
      if (set) set.add(pair);
      else neighbours.set(k, new Set([pair]));
    }
  }
  const isJunction = (p: IntPoint) => (neighbours.get(key(p))?.size ?? 0) > 1;

  const arcCache = new Map<string, IntPoint[]>();
  const simplifyArc = (arc: IntPoint[]): IntPoint[] => {
    const forward = arc.map(key).join(' ');
    const backward = arc.map(key).reverse().join(' ');
    const reversed = backward < forward;
    const canonical = reversed ? backward : forward;
    let simplified = arcCache.get(canonical);
    if (!simplified) {
      simplified = douglasPeucker(reversed ? [...arc].reverse() : arc, tolerance);
      arcCache.set(canonical, simplified);
    }
    return reversed ? [...simplified].reverse() : simplified;
  };

  return rings.map((ring) => {
    let startIndex = ring.findIndex(isJunction);
    const hasJunction = startIndex >= 0;
    if (!hasJunction) {
      startIndex = 0;
      ring.forEach((p, i) => {
        const s = ring[startIndex]!;
        if (p[0] < s[0] || (p[0] === s[0] && p[1] < s[1])) startIndex = i;
      });
    }
    const rotated = [...ring.slice(startIndex), ...ring.slice(0, startIndex)];
    const out: IntPoint[] = [];
    if (!hasJunction) {
      out.push(...simplifyArc([...rotated, rotated[0]!]).slice(0, -1));
    } else {
      let arc: IntPoint[] = [rotated[0]!];
      for (let i = 1; i <= rotated.length; i++) {
        const p = rotated[i % rotated.length]!;
        arc.push(p);
        if (i === rotated.length || isJunction(p)) {
          out.push(...simplifyArc(arc).slice(0, -1));
          arc = [p];
        }
      }
    }
    return cleanRing(out);
  });
}

// ---------------------------------------------------------------------------------------------
// Output

type Geometry = Extract<PolygonalGeometry, { type: 'Polygon' }> | Extract<PolygonalGeometry, { type: 'MultiPolygon' }>;

interface OutFeature {
  type: 'Feature';
  properties: {
    code: string;
    name: string;
    nameEn: string;
    nameEnFull: string;
    level: string;
    parent: string | null;
    center: readonly [number, number];
  };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

function toGeometry(polygons: IntPolygon[], scale: number): OutFeature['geometry'] {
  const round = (v: number) => Math.round((v / scale) * 1e4) / 1e4;
  const coords = polygons.map((polygon) =>
    polygon.map((ring) => {
      const closed = [...ring, ring[0]!];
      return closed.map((p) => [round(p[0]), round(p[1])]);
    }),
  );
  return coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
}

function toFeature(division: Division, polygons: IntPolygon[], scale: number): OutFeature {
  return {
    type: 'Feature',
    properties: {
      code: division.code,
      name: division.name,
      nameEn: division.nameEn,
      nameEnFull: division.nameEnFull,
      level: division.level,
      parent: division.parent,
      center: division.center,
    },
    geometry: toGeometry(polygons, scale),
  };
}

function serialise(features: readonly OutFeature[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function geometryOf(polygons: IntPolygon[], scale: number): Geometry {
  return toGeometry(polygons, scale) as Geometry;
}

// ---------------------------------------------------------------------------------------------

export function build(): { provinces: string; cities: string; log: string[] } {
  const log: string[] = [];
  const stats = { degenerateRings: 0 };
  let scale: number | undefined;
  const cityPolygons = new Map<string, IntPolygon[]>();
  let cpMisses = 0;

  for (const provinceCode of PROVINCE_CODES) {
    const file = PROVINCE_FILES[provinceCode]!;
    const decoded = decodeCollection(JSON.parse(readFileSync(resolve(SOURCE_DIR, file), 'utf8')), file);
    if (scale !== undefined && decoded.scale !== scale) throw new Error(`${file}: scale ${decoded.scale} ≠ ${scale}`);
    scale = decoded.scale;
    const s = scale;
    // Decoder sanity check: ECharts' own label point `cp` lies inside each decoded feature.
    for (const feature of decoded.features) {
      if (feature.cp && !feature.polygons.some((p) => insideRing([feature.cp![0] * s, feature.cp![1] * s], p[0]!))) cpMisses += 1;
    }

    if (provinceCode === '310000') {
      const districts = decoded.features.flatMap((f) => cleanPolygons(f.polygons, stats));
      cityPolygons.set('310100', dissolve(districts, MIN_HOLE_AREA));
      log.push(`${file}: ${decoded.features.length} districts dissolved into 310100`);
      continue;
    }
    const expected = new Set(citiesOf(provinceCode).map((c) => c.code));
    for (const feature of decoded.features) {
      const division = feature.id === undefined ? undefined : findDivision(feature.id);
      if (!division || division.level !== 'city' || division.parent !== provinceCode) {
        throw new Error(`${file}: feature ${feature.id ?? '(no id)'} ${feature.name} is not a city of ${provinceCode} in the table`);
      }
      if (division.name !== feature.name) throw new Error(`${file}: ${feature.id} is ${feature.name} in the source, ${division.name} in the table`);
      if (cityPolygons.has(division.code)) throw new Error(`${file}: ${division.code} appears twice`);
      cityPolygons.set(division.code, cleanPolygons(feature.polygons, stats));
      expected.delete(division.code);
    }
    if (expected.size > 0) throw new Error(`${file}: no feature for ${[...expected].join(', ')}`);
    log.push(`${file}: ${decoded.features.length} cities`);
  }
  if (scale === undefined) throw new Error('no input');
  if (cpMisses > 0) throw new Error(`decoder check failed: ${cpMisses} ECharts label points fall outside their decoded feature`);
  log.push(`decoder check: every ECharts label point (cp) lies inside its decoded feature; scale ${scale}`);
  log.push(`dropped ${stats.degenerateRings} degenerate rings`);

  const provincePolygons = new Map<string, IntPolygon[]>();
  for (const provinceCode of PROVINCE_CODES) {
    const parts = citiesOf(provinceCode).flatMap((c) => cityPolygons.get(c.code)!);
    provincePolygons.set(provinceCode, dissolve(parts, MIN_HOLE_AREA));
  }

  // Drop islets and slivers, then simplify every ring of both layers in one shared-arc pass.
  const layers = [...cityPolygons, ...provincePolygons];
  let dropped = 0;
  for (const [code, polygons] of layers) {
    const kept = dropSmallPolygons(polygons, MIN_POLYGON_AREA);
    dropped += polygons.length - kept.length;
    (cityPolygons.has(code) ? cityPolygons : provincePolygons).set(code, kept);
  }
  log.push(`dropped ${dropped} polygons under ${MIN_POLYGON_AREA} units² (islets, slivers)`);

  const all = [...cityPolygons.values(), ...provincePolygons.values()];
  const flat = all.flatMap((polygons) => polygons.flatMap((polygon) => polygon));
  const before = flat.reduce((n, r) => n + r.length, 0);
  const simplified = simplifyShared(flat, TOLERANCE);
  let cursor = 0;
  let after = 0;
  for (const polygons of all) {
    for (const polygon of polygons) {
      const rings = polygon.splice(0, polygon.length);
      rings.forEach((_, index) => {
        const ring = simplified[cursor++];
        if (ring && (index === 0 || polygon.length > 0)) {
          polygon.push(ring);
          after += ring.length;
        }
      });
    }
    const survivors = polygons.filter((p) => p.length > 0);
    polygons.splice(0, polygons.length, ...survivors);
  }
  log.push(`simplified ${before} → ${after} points (tolerance ${TOLERANCE} units)`);

  const cities: OutFeature[] = [];
  const provinces: OutFeature[] = [];
  for (const division of DIVISIONS) {
    const target = division.level === 'province' ? provinces : division.level === 'city' ? cities : undefined;
    if (!target) continue;
    const polygons = (division.level === 'province' ? provincePolygons : cityPolygons).get(division.code);
    if (!polygons || polygons.length === 0) throw new Error(`no geometry left for ${division.code} ${division.name}`);
    if (!pointInGeometry(division.center, geometryOf(polygons, scale))) {
      throw new Error(`centre of ${division.code} ${division.name} (${division.center.join(', ')}) is outside its boundary`);
    }
    target.push(toFeature(division, polygons, scale));
  }
  return { provinces: serialise(provinces), cities: serialise(cities), log };
}

function main(): void {
  const { provinces, cities, log } = build();
  mkdirSync(OUT_DIR, { recursive: true });
  const outputs: [string, string][] = [
    ['yrd-provinces.geojson', provinces],
    ['yrd-cities.geojson', cities],
  ];
  for (const [name, text] of outputs) {
    writeFileSync(resolve(OUT_DIR, name), text);
    log.push(`wrote web/public/geo/${name}: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
  }
  for (const line of log) console.log(line);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
