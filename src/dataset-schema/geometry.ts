import type { FieldType } from '../contracts/dataset-schema';

/**
 * Structural GeoJSON check for geometry fields (WGS 84 longitude/latitude): the right geometry
 * type for the field, positions of two or three finite numbers inside ±180/±90, lines of at
 * least two positions, polygon rings closed with at least four positions. Returns null when valid,
 * otherwise the reason (English, Chinese).
 */
export type GeometryProblem = { message: string; messageZh: string };

const ACCEPTED: Partial<Record<FieldType, readonly string[]>> = {
  point: ['Point'],
  line: ['LineString', 'MultiLineString'],
  polygon: ['Polygon', 'MultiPolygon'],
};

export function checkGeometry(type: FieldType, value: unknown): GeometryProblem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('not a GeoJSON geometry object', '不是 GeoJSON 几何对象');
  const geometry = value as { type?: unknown; coordinates?: unknown };
  const accepted = ACCEPTED[type] ?? [];
  if (typeof geometry.type !== 'string' || !accepted.includes(geometry.type)) {
    return problem(`GeoJSON type must be ${accepted.join(' or ')}`, `GeoJSON 类型应为 ${accepted.join(' 或 ')}`);
  }
  const coordinates = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      return checkPosition(coordinates);
    case 'LineString':
      return checkLine(coordinates);
    case 'MultiLineString':
      return checkList(coordinates, checkLine);
    case 'Polygon':
      return checkPolygon(coordinates);
    case 'MultiPolygon':
      return checkList(coordinates, checkPolygon);
    default:
      return problem('unsupported GeoJSON type', '不支持的 GeoJSON 类型');
  }
}

function problem(message: string, messageZh: string): GeometryProblem {
  return { message, messageZh };
}

function checkPosition(position: unknown): GeometryProblem | null {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3 || !position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return problem('a position is [longitude, latitude] (optionally with height)', '坐标应为 [经度, 纬度]（可带高程）');
  }
  const [longitude, latitude] = position as number[];
  if (longitude! < -180 || longitude! > 180 || latitude! < -90 || latitude! > 90) {
    return problem('longitude must be within ±180 and latitude within ±90', '经度应在 ±180 以内，纬度应在 ±90 以内');
  }
  return null;
}

function checkList(items: unknown, check: (item: unknown) => GeometryProblem | null): GeometryProblem | null {
  if (!Array.isArray(items) || items.length === 0) return problem('coordinates must be a non-empty list', '坐标应为非空列表');
  for (const item of items) {
    const found = check(item);
    if (found) return found;
  }
  return null;
}

function checkLine(line: unknown): GeometryProblem | null {
  if (!Array.isArray(line) || line.length < 2) return problem('a line needs at least two positions', '线至少需要两个坐标点');
  return checkList(line, checkPosition);
}

function checkRing(ring: unknown): GeometryProblem | null {
  if (!Array.isArray(ring) || ring.length < 4) return problem('a polygon ring needs at least four positions', '面的环至少需要四个坐标点');
  const found = checkList(ring, checkPosition);
  if (found) return found;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return problem('a polygon ring must be closed (first position = last)', '面的环必须闭合（首尾坐标相同）');
  return null;
}

function checkPolygon(polygon: unknown): GeometryProblem | null {
  return checkList(polygon, checkRing);
}
