import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { MapCase, MapGrid, RiskColour } from '../api/community.api';

// Only the geo component and scatter points: grid polygons drawn from GeoJSON, no tile layer,
// so the map works on a network without internet map tiles.
echarts.use([ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

export const RISK_HEX: Record<RiskColour, string> = { red: '#e5484d', yellow: '#f5a623', green: '#30a46c' };
const FILL: Record<RiskColour | 'none', string> = {
  red: '#fde2e1',
  yellow: '#fff1cc',
  green: '#dcf3e5',
  none: '#f0f2f5',
};
const MAP_NAME = 'laiban-grids';
/** Tooltips are HTML: names typed by users are shown as text. */
const esc = (s: string) => s.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The colour a grid is filled with: its most urgent open case. */
export function gridTone(g: MapGrid): RiskColour | 'none' {
  if (g.counts.red) return 'red';
  if (g.counts.yellow) return 'yellow';
  if (g.counts.green) return 'green';
  return 'none';
}

/**
 * Cases placed at a grid's centre (no position of their own) would hide one another: spread
 * them on a small spiral around the centre, the same way on every render.
 */
function spread(cases: MapCase[]): [number, number][] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    if (c.placed === 'exact') return [c.lng, c.lat];
    const key = `${c.lng},${c.lat}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    if (k === 0) return [c.lng, c.lat];
    const angle = k * 2.4;
    const r = 0.00018 * Math.sqrt(k);
    return [c.lng + r * Math.cos(angle), c.lat + r * Math.sin(angle)];
  });
}

/**
 * 挂图作战 chart: the grid polygons filled by their most urgent case, each case a dot in its
 * risk colour. Clicking a dot opens the case, clicking a grid selects it. The drawing says
 * nothing to a screen reader: the page lists the same cases and grids as tables.
 */
export function GridMapChart({
  grids,
  cases,
  label,
  height,
  selectedGridId,
  onCaseClick,
  onGridClick,
  colourLabels,
  hotLabel,
}: {
  grids: MapGrid[];
  cases: MapCase[];
  label: string;
  height: number;
  selectedGridId?: string | undefined;
  onCaseClick: (id: string) => void;
  onGridClick: (id: string) => void;
  colourLabels: Record<RiskColour, string>;
  hotLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onCaseClick, onGridClick });
  handlers.current = { onCaseClick, onGridClick };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      if (p.componentType === 'series') {
        const id = (p.data as { id?: string } | undefined)?.id;
        if (id) handlers.current.onCaseClick(id);
      } else if (p.componentType === 'geo' && p.name) {
        handlers.current.onGridClick(p.name);
      }
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const option = useMemo(() => {
    const names = new Map(grids.map((g) => [g.id, g]));
    // Courtyards after grids, so they are drawn on top of the grid around them.
    const ordered = [...grids].sort((a, b) => (a.type === b.type ? 0 : a.type === 'grid' ? -1 : 1));
    echarts.registerMap(MAP_NAME, {
      type: 'FeatureCollection',
      features: ordered.map((g) => ({ type: 'Feature', properties: { name: g.id }, geometry: g.boundary })),
    } as unknown as Parameters<typeof echarts.registerMap>[1]);
    const points = spread(cases);
    return {
      tooltip: { trigger: 'item', confine: true },
      geo: {
        map: MAP_NAME,
        roam: true,
        scaleLimit: { min: 0.5, max: 40 },
        // Grid strips are narrow at district scale: names show on hover (and in the table beside).
        label: {
          show: false,
          fontSize: 11,
          color: '#333',
          formatter: (p: { name: string }) => {
            const g = names.get(p.name);
            return g?.type === 'grid' ? g.name : '';
          },
        },
        itemStyle: { borderColor: '#8c8c8c', borderWidth: 1 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#d6e4ff' } },
        select: { disabled: true },
        tooltip: {
          show: true,
          formatter: (p: { name: string }) => {
            const g = names.get(p.name);
            if (!g) return '';
            const head = esc(`${g.communityName ?? ''} ${g.name}`.trim());
            const hot = g.hotCategory
              ? `<br/>${esc(hotLabel)}${esc(g.hotCategory.name)}（${g.hotCategory.count}）`
              : '';
            return `${head}<br/>${esc(colourLabels.red)} ${g.counts.red} · ${esc(colourLabels.yellow)} ${g.counts.yellow} · ${esc(colourLabels.green)} ${g.counts.green}${hot}`;
          },
        },
        regions: ordered.map((g) => ({
          name: g.id,
          itemStyle: {
            areaColor: FILL[gridTone(g)],
            borderColor: g.id === selectedGridId ? '#1677ff' : g.type === 'courtyard' ? '#597ef7' : '#8c8c8c',
            borderWidth: g.id === selectedGridId ? 3 : g.type === 'courtyard' ? 1.5 : 1,
            borderType: g.type === 'courtyard' ? 'dashed' : 'solid',
          },
        })),
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 11,
          zlevel: 1,
          tooltip: {
            formatter: (p: { data: { caseNo: string; title: string } }) =>
              `${esc(p.data.caseNo)}<br/>${esc(p.data.title)}`,
          },
          data: cases.map((c, i) => ({
            id: c.id,
            caseNo: c.caseNo,
            title: c.title,
            value: points[i],
            itemStyle: { color: RISK_HEX[c.riskColour], borderColor: '#fff', borderWidth: 1.5 },
          })),
        },
      ],
    };
  }, [grids, cases, selectedGridId, colourLabels, hotLabel]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid="grid-map"
      style={{ width: '100%', height, cursor: 'pointer' }}
    />
  );
}
