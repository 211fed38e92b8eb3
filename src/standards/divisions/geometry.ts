/**
 * Minimal planar geometry on [lng, lat] positions, enough to place a point in a GeoJSON
 * division boundary. Pure functions; coordinates are treated as planar (fine at city scale).
 */

/** [longitude, latitude]; extra members (altitude) are ignored. */
export type Position = readonly number[];
export type Ring = readonly Position[];

/** The GeoJSON geometries a division boundary can have. */
export type PolygonalGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly Ring[])[] };

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = readonly [number, number, number, number];

function x(p: Position): number {
  return p[0] ?? Number.NaN;
}

function y(p: Position): number {
  return p[1] ?? Number.NaN;
}

/**
 * Even-odd ray casting. Works for closed and unclosed rings; a point exactly on the boundary may
 * go either way.
 */
export function pointInRing(point: Position, ring: Ring): boolean {
  const px = x(point);
  const py = y(point);
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const ay = y(a);
    const by = y(b);
    if (ay > py !== by > py) {
      const crossX = x(a) + ((py - ay) * (x(b) - x(a))) / (by - ay);
      if (px < crossX) inside = !inside;
    }
  }
  return inside;
}

/** Inside the exterior ring (index 0) and outside every hole. */
export function pointInPolygon(point: Position, polygon: readonly Ring[]): boolean {
  const [exterior, ...holes] = polygon;
  if (!exterior || !pointInRing(point, exterior)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

/** Inside a Polygon or in any polygon of a MultiPolygon. */
export function pointInGeometry(point: Position, geometry: PolygonalGeometry): boolean {
  if (geometry.type === 'Polygon') return pointInPolygon(point, geometry.coordinates);
  return geometry.coordinates.some((polygon) => pointInPolygon(point, polygon));
}

/** Shoelace area in squared degrees: positive for counter-clockwise rings (the RFC 7946 exterior orientation). */
export function ringSignedArea(ring: Ring): number {
  let twice = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    twice += x(a) * y(b) - x(b) * y(a);
  }
  return twice / 2;
}

/** A GeoJSON linear ring: at least four positions, the last equal to the first. */
export function isRingClosed(ring: Ring): boolean {
  if (ring.length < 4) return false;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  return x(first) === x(last) && y(first) === y(last);
}

export function bboxOfGeometry(geometry: PolygonalGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const p of ring) {
        minX = Math.min(minX, x(p));
        minY = Math.min(minY, y(p));
        maxX = Math.max(maxX, x(p));
        maxY = Math.max(maxY, y(p));
      }
    }
  }
  return [minX, minY, maxX, maxY];
}
