import type { EChartsCoreOption } from 'echarts/core';
import type { AgreementFigures } from '../../../annotations/agreement/report';
import type { MatchMode } from '../../../annotations/agreement/span-scores';
import type { AgreementDashboard } from '../../../annotations/contract';
import { anyAssignment } from './assignment-progress';
import type { ProgressRow } from './assignment-progress';
import { escapeHtml } from './escape-html';

export interface LabelLook {
  kind: string;
  label: string;
  color: string;
}

const AXIS = { axisLabel: { color: '#57606a' }, axisLine: { lineStyle: { color: '#d8dde3' } } };

/*
 * ECharts puts a tooltip's text into the page as HTML (`el.innerHTML =
 * content` in echarts/lib/component/tooltip/TooltipHTMLContent.js), and
 * annotator names and labels are the user's text: one named
 * `<img src=x onerror=alert(1)>` would become an element. So every tooltip
 * here has a formatter that escapes each name in it. Legends, axis labels and
 * series labels are zrender Text: drawn on a canvas, or as SVG text made with
 * createTextNode (zrender/lib/svg/patch.js) or encoded (zrender/lib/svg/core.js
 * for the SVG export). Never HTML, so they keep the plain names: escaping them
 * would show "&lt;".
 */

/** What ECharts hands a tooltip formatter, as far as these charts use it. */
export interface TooltipParam {
  seriesName?: string;
  /** The category (an annotator or a label) of an axis tooltip. */
  name?: string;
  axisValueLabel?: string;
  value?: unknown;
  color?: unknown;
}

/** A count as it is, a coefficient to three places, none as "—". */
const figure = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : '—');

/** A coloured dot, only for a colour that is a plain `#rrggbb` (the tagset's and ours are). */
function dot(color: unknown): string {
  if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) return '';
  return `<span style="display:inline-block;margin-right:4px;border-radius:5px;width:10px;height:10px;background-color:${color}"></span>`;
}

/** The tooltip of a bar chart by category: the category, then each series with its value, every name escaped. */
export function axisTooltip(params: TooltipParam | TooltipParam[]): string {
  const list = Array.isArray(params) ? params : [params];
  const category = list[0]?.axisValueLabel ?? list[0]?.name ?? '';
  const rows = list.map((p) => `${dot(p.color)}${escapeHtml(String(p.seriesName ?? ''))}: ${figure(p.value)}`);
  return [escapeHtml(String(category)), ...rows].join('<br/>');
}

const axisTooltipOption = () => ({ trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip });

/** Stacked bars: each annotator's annotations by label, in the tagset's colours. */
export function distributionChart(data: AgreementDashboard, labels: readonly LabelLook[]): EChartsCoreOption {
  const used = labels.filter((l) => data.annotators.some((a) => (data.distribution[a]?.[l.kind] ?? 0) > 0));
  return {
    tooltip: axisTooltipOption(),
    legend: { top: 0, data: used.map((l) => l.label) },
    grid: { left: 48, right: 16, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: data.annotators, ...AXIS },
    yAxis: { type: 'value', name: 'annotations', ...AXIS },
    series: used.map((l) => ({
      name: l.label,
      type: 'bar',
      stack: 'labels',
      itemStyle: { color: l.color },
      data: data.annotators.map((a) => data.distribution[a]?.[l.kind] ?? 0),
    })),
  };
}

/**
 * Horizontal bars: articles each annotator marked done, and articles they
 * annotated at all, out of all; where articles are assigned, also the
 * assignment and how much of it is done (no bar for an annotator without one).
 */
export function progressChart(data: AgreementDashboard): EChartsCoreOption {
  const rows: readonly ProgressRow[] = data.progress;
  const assignments = anyAssignment(rows);
  const series = [
    { name: 'done', type: 'bar', itemStyle: { color: '#1a7f37' }, data: rows.map((p) => p.done) },
    { name: 'annotated', type: 'bar', itemStyle: { color: '#8c959f' }, data: rows.map((p) => p.annotated) },
    ...(assignments
      ? [
          {
            name: 'assigned done',
            type: 'bar',
            itemStyle: { color: '#0b5cad' },
            data: rows.map((p) => (typeof p.assigned === 'number' ? (p.assignedDone ?? 0) : null)),
          },
          {
            name: 'assigned',
            type: 'bar',
            itemStyle: { color: '#b6d4f2' },
            data: rows.map((p) => p.assigned ?? null),
          },
        ]
      : []),
  ];
  return {
    tooltip: axisTooltipOption(),
    legend: { top: 0, data: series.map((s) => s.name) },
    grid: { left: 72, right: 24, top: 36, bottom: 28 },
    xAxis: { type: 'value', max: data.articleCount, name: 'articles', minInterval: 1, ...AXIS },
    yAxis: { type: 'category', data: rows.map((p) => p.annotator), inverse: true, ...AXIS },
    series,
  };
}

/** The pairwise span F1 as a heat map: one row and one column per annotator, 1 on the diagonal. */
export function pairHeatmap(
  annotators: readonly string[],
  figures: AgreementFigures,
  mode: MatchMode,
): EChartsCoreOption {
  const cells: [number, number, number | null][] = [];
  annotators.forEach((a, i) =>
    annotators.forEach((b, j) => {
      if (i === j) return cells.push([j, i, 1]);
      const pair = figures.spans.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
      cells.push([j, i, pair?.[mode].overall.f1 ?? null]);
    }),
  );
  return {
    tooltip: { formatter: (p: { value: [number, number, number | string] }) => cellText(annotators, p.value) },
    grid: { left: 72, right: 24, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: annotators, splitArea: { show: true }, ...AXIS },
    yAxis: { type: 'category', data: annotators, inverse: true, splitArea: { show: true }, ...AXIS },
    visualMap: {
      min: 0,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#fbe3d6', '#f6c17f', '#9fd3a8', '#1a7f37'] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map(([x, y, v]) => [x, y, v === null ? '-' : Number(v.toFixed(3))]),
        // Canvas text, not HTML: nothing to escape, and only a number or a dash.
        label: { show: true, formatter: (p: { value: [number, number, number | string] }) => shown(p.value[2]) },
      },
    ],
  };
}

const shown = (v: number | string | null | undefined) => (typeof v === 'number' ? v.toFixed(3) : '—');

/** A heat map cell's tooltip: the two annotators, escaped, and their F1. */
function cellText(annotators: readonly string[], [x, y, v]: [number, number, number | string]): string {
  return `${escapeHtml(annotators[y] ?? '')} – ${escapeHtml(annotators[x] ?? '')}: F1 ${shown(v)}`;
}

/** Agreement per label: token-level Krippendorff's alpha and unitizing alpha side by side. */
export function perLabelChart(figures: AgreementFigures, labels: readonly LabelLook[]): EChartsCoreOption {
  // Labels with a figure: where nobody marked a label, agreement on it is undefined ("—" in the table).
  const measured = labels.filter(
    (l) => figures.tokens.perLabel[l.kind]?.krippendorff.value != null || figures.unitizing[l.kind]?.value != null,
  );
  return {
    tooltip: axisTooltipOption(),
    legend: { top: 0, data: ["Krippendorff's α (tokens)", 'unitizing α (characters)'] },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: {
      type: 'category',
      data: measured.map((l) => l.label),
      ...AXIS,
      axisLabel: { color: '#57606a', interval: 0 },
    },
    yAxis: { type: 'value', max: 1, ...AXIS },
    series: [
      {
        name: "Krippendorff's α (tokens)",
        type: 'bar',
        itemStyle: { color: '#0b5cad' },
        data: measured.map((l) => figures.tokens.perLabel[l.kind]!.krippendorff.value),
      },
      {
        name: 'unitizing α (characters)',
        type: 'bar',
        itemStyle: { color: '#c9a227' },
        data: measured.map((l) => figures.unitizing[l.kind]?.value ?? null),
      },
    ],
  };
}
