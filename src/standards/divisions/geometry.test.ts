import { describe, expect, it } from 'vitest';
import { bboxOfGeometry, isRingClosed, pointInGeometry, pointInPolygon, pointInRing, ringSignedArea } from './geometry';

const square = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole = [
  [4, 4],
  [4, 6],
  [6, 6],
  [6, 4],
  [4, 4],
];

describe('planar geometry helpers', () => {
  it('pointInRing', () => {
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([11, 5], square)).toBe(false);
    expect(pointInRing([-0.001, 5], square)).toBe(false);
    // Same answer without the closing point.
    expect(pointInRing([5, 5], square.slice(0, -1))).toBe(true);
  });

  it('pointInPolygon excludes holes', () => {
    expect(pointInPolygon([2, 2], [square, hole])).toBe(true);
    expect(pointInPolygon([5, 5], [square, hole])).toBe(false);
    expect(pointInPolygon([5, 5], [])).toBe(false);
  });

  it('pointInGeometry handles MultiPolygon', () => {
    const far = square.map(([x, y]) => [x! + 100, y!]);
    const geometry = { type: 'MultiPolygon', coordinates: [[square], [far]] } as const;
    expect(pointInGeometry([105, 5], geometry)).toBe(true);
    expect(pointInGeometry([50, 5], geometry)).toBe(false);
    expect(bboxOfGeometry(geometry)).toEqual([0, 0, 110, 10]);
  });

  it('ringSignedArea is positive for counter-clockwise rings', () => {
    expect(ringSignedArea(square)).toBe(100);
    expect(ringSignedArea(hole)).toBe(-4);
  });

  it('isRingClosed', () => {
    expect(isRingClosed(square)).toBe(true);
    expect(isRingClosed(square.slice(0, -1))).toBe(false);
    expect(isRingClosed([[0, 0], [1, 1], [0, 0]])).toBe(false);
  });
});
