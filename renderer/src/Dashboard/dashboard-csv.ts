import type { AgreementFigures, TokenAgreement } from '../../../annotations/agreement/report';
import type { AgreementDashboard } from '../../../annotations/contract';
import { anyAssignment, assignmentOf } from './assignment-progress';
import type { ProgressRow } from './assignment-progress';

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function distributionCsv(data: AgreementDashboard): string {
  const kinds = [...new Set(data.annotators.flatMap((a) => Object.keys(data.distribution[a] ?? {})))].sort();
  return csvOf([
    ['annotator', 'label', 'annotations'],
    ...data.annotators.flatMap((a) => kinds.map((k) => [a, k, data.distribution[a]?.[k] ?? 0])),
  ]);
}

/**
 * Each annotator's progress. Where articles are assigned, two more columns:
 * the assignment and how much of it is done, empty for an annotator with
 * nothing assigned (unset, not zero).
 */
export function progressCsv(data: AgreementDashboard): string {
  const rows: readonly ProgressRow[] = data.progress;
  if (!anyAssignment(rows))
    return csvOf([
      ['annotator', 'done', 'annotated', 'articles', 'spans', 'from suggestions'],
      ...rows.map((p) => [p.annotator, p.done, p.annotated, p.total, p.spans, p.fromSuggestions]),
    ]);
  return csvOf([
    ['annotator', 'done', 'annotated', 'articles', 'spans', 'from suggestions', 'assigned', 'assigned done'],
    ...rows.map((p) => {
      const assignment = assignmentOf(p);
      return [
        p.annotator,
        p.done,
        p.annotated,
        p.total,
        p.spans,
        p.fromSuggestions,
        assignment?.assigned ?? null,
        assignment?.done ?? null,
      ];
    }),
  ]);
}

const num = (v: number | null | undefined) => (typeof v === 'number' ? Number(v.toFixed(6)) : null);

/** Span precision, recall and F1 per pair, strict and lenient, overall and per label. */
export function pairsCsv(figures: AgreementFigures): string {
  const rows: (string | number | null)[][] = [
    ['a', 'b', 'mode', 'label', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1'],
  ];
  for (const pair of figures.spans)
    for (const mode of ['strict', 'lenient'] as const) {
      const scores = pair[mode];
      for (const [label, s] of [['(all)', scores.overall] as const, ...Object.entries(scores.perLabel)])
        rows.push([pair.a, pair.b, mode, label, s.tp, s.fp, s.fn, num(s.precision), num(s.recall), num(s.f1)]);
    }
  return csvOf(rows);
}

/** Token-level coefficients and unitizing alpha per label, and overall. */
export function labelsCsv(figures: AgreementFigures): string {
  const rows: (string | number | null)[][] = [['label', 'measure', 'pair', 'value', 'units']];
  const token = (label: string, t: TokenAgreement) => {
    for (const c of t.cohen) rows.push([label, "Cohen's kappa", `${c.a}–${c.b}`, num(c.value), c.units]);
    rows.push([label, "Fleiss' kappa", '', num(t.fleiss.value), t.fleiss.units]);
    rows.push([label, "Krippendorff's alpha", '', num(t.krippendorff.value), t.krippendorff.units]);
  };
  token('(all)', figures.tokens.overall);
  for (const [label, t] of Object.entries(figures.tokens.perLabel)) {
    token(label, t);
    const u = figures.unitizing[label];
    if (u) rows.push([label, 'unitizing alpha', '', num(u.value), u.length]);
  }
  return csvOf(rows);
}

/** Attribute agreement on matched spans. */
export function attributesCsv(figures: AgreementFigures): string {
  const rows: (string | number | null)[][] = [['label', 'attribute', 'measure', 'pair', 'value', 'units']];
  for (const a of figures.attributes) {
    rows.push([a.label, a.name, 'observed agreement', '', num(a.observed), a.pairs]);
    for (const c of a.cohen) rows.push([a.label, a.name, "Cohen's kappa", `${c.a}–${c.b}`, num(c.value), c.units]);
    rows.push([a.label, a.name, "Krippendorff's alpha", '', num(a.krippendorff.value), a.krippendorff.units]);
  }
  return csvOf(rows);
}
