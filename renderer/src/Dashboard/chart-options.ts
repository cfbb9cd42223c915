import type { EChartsCoreOption } from 'echarts/core';
import type { AgreementFigures } from '../../../annotations/agreement/report';
import type { MatchMode } from '../../../annotations/agreement/span-scores';
import type { AgreementDashboard } from '../../../annotations/contract';

export interface LabelLook {
  kind: string;
  label: string;
  color: string;
}

const AXIS = { axisLabel: { color: '#57606a' }, axisLine: { lineStyle: { color: '#d8dde3' } } };

/** Stacked bars: each annotator's annotations by label, in the tagset's colours. */
export function distributionChart(data: AgreementDashboard, labels: readonly LabelLook[]): EChartsCoreOption {
  const used = labels.filter((l) => data.annotators.some((a) => (data.distribution[a]?.[l.kind] ?? 0) > 0));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
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

/** Horizontal bars: articles each annotator marked done, and articles they annotated at all, out of all. */
export function progressChart(data: AgreementDashboard): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['done', 'annotated'] },
    grid: { left: 72, right: 24, top: 36, bottom: 28 },
    xAxis: { type: 'value', max: data.articleCount, name: 'articles', minInterval: 1, ...AXIS },
    yAxis: { type: 'category', data: data.progress.map((p) => p.annotator), inverse: true, ...AXIS },
    series: [
      { name: 'done', type: 'bar', itemStyle: { color: '#1a7f37' }, data: data.progress.map((p) => p.done) },
      { name: 'annotated', type: 'bar', itemStyle: { color: '#8c959f' }, data: data.progress.map((p) => p.annotated) },
    ],
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
    tooltip: { formatter: (p: { value: [number, number, number | null] }) => cellText(annotators, p.value) },
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
        label: { show: true, formatter: (p: { value: [number, number, number | string] }) => shown(p.value[2]) },
      },
    ],
  };
}

const shown = (v: number | string | null | undefined) => (typeof v === 'number' ? v.toFixed(3) : '—');

function cellText(annotators: readonly string[], [x, y, v]: [number, number, number | null]): string {
  return `${annotators[y]} – ${annotators[x]}: F1 ${shown(v)}`;
}

/** Agreement per label: token-level Krippendorff's alpha and unitizing alpha side by side. */
export function perLabelChart(figures: AgreementFigures, labels: readonly LabelLook[]): EChartsCoreOption {
  // Labels with a figure: where nobody marked a label, agreement on it is undefined ("—" in the table).
  const measured = labels.filter(
    (l) => figures.tokens.perLabel[l.kind]?.krippendorff.value != null || figures.unitizing[l.kind]?.value != null,
  );
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
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
