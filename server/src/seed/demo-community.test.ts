import { describe, expect, it } from 'vitest';
import { containsPoint } from '../modules/community/geo.js';
import { demoGridPolygons } from './demo-community.js';
import { DEMO_UNITS } from './demo-data.js';

describe('demo grid boundaries', () => {
  it('cut every community block into its grids without overlap, the workstation inside one of them', () => {
    const blocks = DEMO_UNITS.filter((u) => u.workstation).map((c) => {
      const ws = c.workstation ?? { lng: 0, lat: 0 };
      const n = DEMO_UNITS.filter((u) => u.parent === c.key && u.kind === 'grid').length;
      return { ws, polygons: demoGridPolygons(ws.lng, ws.lat, n) };
    });
    const all = blocks.flatMap((b) => b.polygons);
    for (const b of blocks) {
      const holding = all.filter((p) => containsPoint(p, b.ws.lng, b.ws.lat));
      expect(holding).toHaveLength(1);
      expect(b.polygons).toContain(holding[0]);
    }
  });
});
