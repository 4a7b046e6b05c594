/**
 * Horizontal bar chart of the annual training compliance per org (ECharts, only the parts it needs).
 * Lives in the lazily loaded report page's chunk.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { TrainingByOrgRow } from '../../../../common/contracts/personnel.contract.js';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

export interface TrainingByOrgChartProps {
  rows: TrainingByOrgRow[];
  /** Narrow screens get shorter org labels. */
  narrow?: boolean;
}

export function TrainingByOrgChart({ rows, narrow = false }: TrainingByOrgChartProps) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    // Bars top-down in the server's order: the category axis draws its first item at the bottom.
    const ordered = [...rows].reverse();
    instance.setOption(
      {
        textStyle: { fontFamily: FONT },
        color: ['#1f4e9c', '#52c41a'],
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number }[];
            const row = ordered[list[0]?.dataIndex ?? -1];
            if (!row) return '';
            const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
            return [
              `<strong>${esc(row.orgName)}</strong>`,
              `达标率：${Math.round(row.complianceRate * 1000) / 10}%（${row.compliant} / ${row.officers} 人）`,
              `人均学时：${row.averageHours}`,
            ].join('<br/>');
          },
        },
        legend: { top: 0, data: ['达标率（%）', '人均学时'] },
        grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
        xAxis: [
          { type: 'value', name: '%', position: 'bottom', min: 0, max: 100, splitLine: { show: true } },
          { type: 'value', name: '学时', position: 'top', min: 0, splitLine: { show: false } },
        ],
        yAxis: {
          type: 'category',
          data: ordered.map((r) => r.orgName),
          axisLabel: { width: narrow ? 96 : 200, overflow: 'truncate' },
        },
        series: [
          {
            name: '达标率（%）',
            type: 'bar',
            xAxisIndex: 0,
            data: ordered.map((r) => Math.round(r.complianceRate * 1000) / 10),
            label: { show: !narrow, position: 'right', formatter: '{c}%' },
            barMaxWidth: 14,
          },
          {
            name: '人均学时',
            type: 'bar',
            xAxisIndex: 1,
            data: ordered.map((r) => r.averageHours),
            label: { show: !narrow, position: 'right' },
            barMaxWidth: 14,
          },
        ],
      },
      { notMerge: true },
    );
    instance.resize();
  }, [rows, narrow]);

  const height = Math.max(220, rows.length * 48 + 80);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height }}
      role="img"
      aria-label="各单位培训达标率与人均学时柱状图"
      data-testid="training-by-org-chart"
    />
  );
}
