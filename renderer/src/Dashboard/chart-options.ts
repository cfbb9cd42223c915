import type { EChartsCoreOption } from 'echarts/core';
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
