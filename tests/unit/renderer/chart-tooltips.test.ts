import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementFigures } from '../../../annotations/agreement/report';
import type { AgreementDashboard } from '../../../annotations/contract';
import type { LabelLook, TooltipParam } from '../../../renderer/src/Dashboard/chart-options';
import {
  axisTooltip,
  distributionChart,
  pairHeatmap,
  perLabelChart,
  progressChart,
} from '../../../renderer/src/Dashboard/chart-options';
import { escapeHtml } from '../../../renderer/src/Dashboard/escape-html';

const HOSTILE = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>', "O'Brien & <b>Co</b>"];
const LABELS: LabelLook[] = [
  { kind: 'claim', label: '<svg onload=alert(3)>', color: '#e8a317' },
  { kind: 'speaker', label: 'Speaker <i>', color: 'red;background:url(x)' },
];

const dashboard = {
  annotators: HOSTILE,
  articleCount: 5,
  distribution: Object.fromEntries(HOSTILE.map((a) => [a, { claim: 2, speaker: 1 }])),
  progress: HOSTILE.map((annotator) => ({ annotator, done: 1, annotated: 2, total: 5 })),
} as unknown as AgreementDashboard;

const figures = {
  spans: [{ a: HOSTILE[0], b: HOSTILE[1], strict: { overall: { f1: 0.5 } }, lenient: { overall: { f1: 0.75 } } }],
  tokens: { perLabel: { claim: { krippendorff: { value: 0.7 } }, speaker: { krippendorff: { value: null } } } },
  unitizing: { claim: { value: 0.6 }, speaker: { value: 0.25 } },
  attributes: [],
} as unknown as AgreementFigures;

type Option = Record<string, unknown>;
type Series = { name?: string; data: unknown[]; itemStyle?: { color?: string } };

const OPTIONS: [string, Option][] = [
  ['distributionChart', distributionChart(dashboard, LABELS) as Option],
  ['progressChart', progressChart(dashboard) as Option],
  ['pairHeatmap', pairHeatmap(HOSTILE, figures, 'strict') as Option],
  ['perLabelChart', perLabelChart(figures, LABELS) as Option],
];

/** Every `tooltip` in an option, at the top or inside a series or component, found without recursion. */
function tooltipsOf(option: Option): Option[] {
  const found: Option[] = [];
  const pending: unknown[] = [option];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next !== 'object' || next === null) continue;
    for (const [key, value] of Object.entries(next)) {
      if (key === 'tooltip' && typeof value === 'object' && value !== null) found.push(value as Option);
      pending.push(value);
    }
  }
  return found;
}

/** What the escaped HTML shows, decoded as a browser would. */
const decode = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The markup the formatters write themselves: line breaks and a colour dot. Anything else is a name's text. */
const OWN_MARKUP = /<br\/>|<span style="[^"<>]*background-color:#[0-9a-fA-F]{6}"><\/span>/g;

function expectTextOnly(html: string, names: readonly string[]): void {
  const text = html.replace(OWN_MARKUP, '\n');
  expect(text, html).not.toMatch(/[<>]/);
  for (const name of names) expect(decode(text)).toContain(name);
}

/** The parameters ECharts passes an axis tooltip for each category: one per series, as in tooltip/TooltipView.js. */
function axisParams(option: Option): { params: TooltipParam[]; names: string[] }[] {
  const axes = [option.xAxis, option.yAxis] as { type: string; data?: string[] }[];
  const categories = axes.find((a) => a.type === 'category')!.data!;
  const series = option.series as Series[];
  return categories.map((category, i) => ({
    params: series.map((s) => ({
      seriesName: s.name,
      name: category,
      axisValueLabel: category,
      value: s.data[i],
      color: s.itemStyle?.color,
    })),
    names: [category, ...series.map((s) => s.name ?? '')],
  }));
}

describe('dashboard chart tooltips', () => {
  it('give every tooltip of every chart a formatter', () => {
    for (const [name, option] of OPTIONS) {
      const tooltips = tooltipsOf(option);
      expect(tooltips.length, name).toBeGreaterThan(0);
      for (const tooltip of tooltips) expect(typeof tooltip.formatter, name).toBe('function');
    }
  });

  it('show hostile annotator names and labels in axis tooltips as text', () => {
    for (const [name, option] of OPTIONS.filter(([n]) => n !== 'pairHeatmap')) {
      const formatter = (option.tooltip as { formatter: (p: TooltipParam[]) => string }).formatter;
      const cases = axisParams(option);
      expect(cases.length, name).toBeGreaterThan(0);
      for (const { params, names } of cases) expectTextOnly(formatter(params), names);
    }
  });

  it('show hostile annotator names in the heat map tooltip as text, with the F1 or a dash', () => {
    const option = OPTIONS.find(([n]) => n === 'pairHeatmap')![1];
    const formatter = (option.tooltip as { formatter: (p: { value: unknown }) => string }).formatter;
    const cells = (option.series as Series[])[0]!.data as [number, number, number | string][];
    for (const cell of cells) {
      const html = formatter({ value: cell });
      expectTextOnly(html, [HOSTILE[cell[0]]!, HOSTILE[cell[1]]!]);
      expect(html).toMatch(/F1 (\d\.\d{3}|—)$/);
    }
    expect(formatter({ value: [1, 0, 0.5] })).toBe(`${escapeHtml(HOSTILE[0]!)} – ${escapeHtml(HOSTILE[1]!)}: F1 0.500`);
  });

  it('draw a colour dot only for a #rrggbb colour, and write counts as they are and coefficients to three places', () => {
    const html = axisTooltip([
      { seriesName: 'a', axisValueLabel: 'x', value: 3, color: '#e8a317' },
      { seriesName: 'b', value: 0.12345, color: 'red"><img src=x onerror=alert(1)>' },
      { seriesName: 'c', value: null },
    ]);
    expect(html).toBe(
      'x<br/><span style="display:inline-block;margin-right:4px;border-radius:5px;width:10px;height:10px;background-color:#e8a317"></span>a: 3<br/>b: 0.123<br/>c: —',
    );
    expect(axisTooltip({ seriesName: '<b>', name: '<i>', value: 1 })).toBe('&#60;i&#62;<br/>&#60;b&#62;: 1');
  });

  it('keep the legend and axis labels as plain names: ECharts draws them as canvas or SVG text, not HTML', () => {
    const option = OPTIONS.find(([n]) => n === 'distributionChart')![1];
    expect((option.legend as { data: string[] }).data).toEqual([LABELS[0]!.label, LABELS[1]!.label]);
    expect((option.xAxis as { data: string[] }).data).toEqual(HOSTILE);
  });
});

describe('escapeHtml', () => {
  it('leaves no character that HTML reads as markup, and decodes back to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"']/);
        expect(html.replace(/&#\d+;/g, '')).not.toContain('&');
        expect(decode(html)).toBe(text);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
