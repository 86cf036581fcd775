import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the home page draws: the full library is ~670 kB gzipped, this is a fraction.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;
export interface EChartClick {
  dataIndex: number;
  name: string;
}

/**
 * One ECharts canvas: created on mount, resized with its box (the side menu folding, a phone
 * turning), disposed on unmount. The canvas says nothing to a screen reader, so the caller gives
 * the text alternative (`label`), read in place of the drawing.
 */
export function EChart({
  option,
  label,
  height = 280,
  onClick,
  testId,
}: {
  option: EChartOption;
  label: string;
  height?: number;
  onClick?: ((e: EChartClick) => void) | undefined;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.({ dataIndex: p.dataIndex, name: p.name }));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
    />
  );
}
