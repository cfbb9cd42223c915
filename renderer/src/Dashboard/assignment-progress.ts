import type { AnnotatorProgress } from '../../../annotations/review/corpus-figures';

/** A progress row; its assignment's counts are absent when nothing is assigned to the annotator. */
export type ProgressRow = AnnotatorProgress;

/** The row's assignment, or null when nothing is assigned to the annotator (unset is not zero). */
export function assignmentOf(row: ProgressRow): { assigned: number; done: number } | null {
  return typeof row.assigned === 'number' ? { assigned: row.assigned, done: row.assignedDone ?? 0 } : null;
}

/** "12 of 40 assigned done", or null without an assignment. */
export function assignmentText(row: ProgressRow): string | null {
  const a = assignmentOf(row);
  return a && `${a.done} of ${a.assigned} assigned done`;
}

export const anyAssignment = (rows: readonly ProgressRow[]) => rows.some((r) => assignmentOf(r) !== null);

/** Accepted suggestions among an annotator's spans, and their share: the rest were tagged by hand. */
export function fromSuggestions(row: Pick<ProgressRow, 'spans' | 'fromSuggestions'>): string {
  if (row.spans === 0) return '—';
  return `${row.fromSuggestions} (${Math.round((100 * row.fromSuggestions) / row.spans)}%)`;
}
