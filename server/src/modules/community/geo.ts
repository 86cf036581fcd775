/**
 * GeoJSON boundaries of grids: validation, bounding box, label point and point-in-polygon.
 * Coordinates are WGS-84 [longitude, latitude] as GeoJSON (RFC 7946) orders them. The polygons are
 * a few hundred metres across, so plane geometry on degrees is accurate enough for "which grid".
 */
import { z } from 'zod';

/** One position: [lng, lat] (a third value, altitude, is allowed and ignored). */
const position = z
  .array(z.number())
  .min(2)
  .max(3)
  .refine(
    ([lng, lat]) => lng !== undefined && lat !== undefined && Math.abs(lng) <= 180 && Math.abs(lat) <= 90,
    {
      message: 'coordinateOutOfRange',
    },
  );

/** A closed ring: at least four positions, the last equal to the first. */
const ring = z
  .array(position)
  .min(4)
  .max(5000)
  .refine(
    (r) => {
      const a = r[0];
      const b = r[r.length - 1];
      return !!a && !!b && a[0] === b[0] && a[1] === b[1];
    },
    { message: 'ringNotClosed' },
  );

const polygonCoords = z.array(ring).min(1).max(50);

export const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: polygonCoords });
export const multiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(polygonCoords).min(1).max(50),
});
export const gridGeometry = z.discriminatedUnion('type', [polygonGeometry, multiPolygonGeometry]);
export type GridGeometry = z.infer<typeof gridGeometry>;

type Ring = number[][];

function polygonsOf(g: GridGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export interface Extent {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  centreLng: number;
  centreLat: number;
}

/**
 * Signed area and centroid of a ring (shoelace), computed relative to the first vertex so that
 * small polygons far from the origin keep their precision; the vertex mean for a degenerate ring.
 */
function ringCentroid(r: Ring): { area: number; lng: number; lat: number } {
  const [ox = 0, oy = 0] = r[0] ?? [];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const [px0 = 0, py0 = 0] = r[i] ?? [];
    const [px1 = 0, py1 = 0] = r[i + 1] ?? [];
    const [x0, y0, x1, y1] = [px0 - ox, py0 - oy, px1 - ox, py1 - oy];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-18) {
    const n = r.length - 1 || 1;
    return {
      area: 0,
      lng: r.slice(0, n).reduce((s, p) => s + (p[0] ?? 0), 0) / n,
      lat: r.slice(0, n).reduce((s, p) => s + (p[1] ?? 0), 0) / n,
    };
  }
  return { area: a / 2, lng: ox + cx / (3 * a), lat: oy + cy / (3 * a) };
}

/** Bounding box, and the area-weighted centroid of the outer rings as the label point. */
export function extentOf(g: GridGeometry): Extent {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  let sumA = 0;
  let sx = 0;
  let sy = 0;
  for (const poly of polygonsOf(g)) {
    for (const r of poly) {
      for (const [lng = 0, lat = 0] of r) {
        minLng = Math.min(minLng, lng);
        maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
    const outer = poly[0];
    if (outer) {
      const c = ringCentroid(outer);
      const w = Math.abs(c.area) || 1e-18;
      sumA += w;
      sx += c.lng * w;
      sy += c.lat * w;
    }
  }
  return { minLng, minLat, maxLng, maxLat, centreLng: sx / sumA, centreLat: sy / sumA };
}

/** Ray casting: is the point inside the ring (points on an edge may fall either way)? */
function inRing(lng: number, lat: number, r: Ring): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi = 0, yi = 0] = r[i] ?? [];
    const [xj = 0, yj = 0] = r[j] ?? [];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside a polygon means inside its outer ring and outside all its holes. */
export function containsPoint(g: GridGeometry, lng: number, lat: number): boolean {
  return polygonsOf(g).some((poly) => {
    const [outer, ...holes] = poly;
    return !!outer && inRing(lng, lat, outer) && !holes.some((h) => inRing(lng, lat, h));
  });
}
