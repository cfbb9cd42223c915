import type { ExportScope, ReviewSummary } from '../../../annotations/contract';

/** The scope as the dialog offers it: the user's own layer, gold, every layer, or another annotator's. */
export type ScopeChoice = 'mine' | 'gold' | 'all' | 'other';

/** The contract's scope for a choice; null while the choice is incomplete. */
export function scopeOf(
  choice: ScopeChoice | null,
  me: string,
  other: string,
  includeUnadjudicated: boolean,
): ExportScope | null {
  switch (choice) {
    case null:
      return null;
    case 'mine':
      return { layer: 'one', annotator: me };
    case 'other':
      return other ? { layer: 'one', annotator: other } : null;
    case 'gold':
      return { layer: 'gold', ...(includeUnadjudicated ? { includeUnadjudicated: true } : {}) };
    case 'all':
      return { layer: 'all' };
  }
}

/**
 * What the chosen scope will leave out of the chosen articles, in one
 * sentence, from the server's counts of them; null when it leaves out
 * nothing (or cannot tell yet).
 */
export function scopePreview(scope: ExportScope | null, counts: ReviewSummary | null): string | null {
  if (!scope || !counts || counts.articles === 0) return null;
  const total = counts.articles;
  if (scope.layer === 'gold') {
    const { adjudicated } = counts;
    const out = total - adjudicated;
    if (out === 0) return null;
    return scope.includeUnadjudicated
      ? `${out} of ${total} articles are not adjudicated yet: their gold layer is written as it stands.`
      : `${adjudicated} of ${total} articles are adjudicated; the other ${out} are left out (not every difference is decided yet).`;
  }
  if (scope.layer === 'one') {
    const annotated = counts.annotated.find((a) => a.annotator === scope.annotator)?.articles ?? 0;
    if (annotated === total) return null;
    return `${scope.annotator} has annotated ${annotated} of ${total} articles; the other ${total - annotated} are left out (nothing of theirs to export there).`;
  }
  return null;
}
