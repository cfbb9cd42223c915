import type { AgreementDashboard } from '../../../annotations/contract';

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

export function progressCsv(data: AgreementDashboard): string {
  return csvOf([
    ['annotator', 'done', 'annotated', 'articles'],
    ...data.progress.map((p) => [p.annotator, p.done, p.annotated, p.total]),
  ]);
}
