import { describe, expect, it } from 'vitest';
import { containsPoint, extentOf, gridGeometry } from './geo.js';

const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

describe('grid geometry', () => {
  it('accepts closed polygons and refuses open rings and coordinates off the globe', () => {
    expect(gridGeometry.safeParse({ type: 'Polygon', coordinates: [square(116, 39, 0.01)] }).success).toBe(
      true,
    );
    const open = square(116, 39, 0.01).slice(0, 4);
    expect(gridGeometry.safeParse({ type: 'Polygon', coordinates: [open] }).success).toBe(false);
    expect(gridGeometry.safeParse({ type: 'Polygon', coordinates: [square(200, 39, 1)] }).success).toBe(
      false,
    );
    expect(gridGeometry.safeParse({ type: 'Point', coordinates: [116, 39] }).success).toBe(false);
  });

  it('finds the centre and box of a polygon, and which points lie in it (holes excluded)', () => {
    const g = {
      type: 'Polygon' as const,
      coordinates: [square(116, 39, 0.02), square(116.005, 39.005, 0.005)],
    };
    const e = extentOf(g);
    expect(e.minLng).toBe(116);
    expect(e.maxLat).toBeCloseTo(39.02);
    expect(e.centreLng).toBeCloseTo(116.01);
    expect(e.centreLat).toBeCloseTo(39.01);
    expect(containsPoint(g, 116.015, 39.015)).toBe(true);
    expect(containsPoint(g, 116.007, 39.007)).toBe(false); // in the hole
    expect(containsPoint(g, 116.03, 39.01)).toBe(false);
  });

  it('handles multipolygons', () => {
    const g = {
      type: 'MultiPolygon' as const,
      coordinates: [[square(116, 39, 0.01)], [square(116.1, 39.1, 0.01)]],
    };
    expect(containsPoint(g, 116.105, 39.105)).toBe(true);
    expect(containsPoint(g, 116.05, 39.05)).toBe(false);
  });
});
