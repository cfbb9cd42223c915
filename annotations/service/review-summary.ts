import type { ReviewSummary } from '../contract';
import { GOLD } from '../model';
import type { AnnotationRepository, StoreView } from '../repository';
import type { ReviewProgressState } from './review-progress';
import { NO_LAYERS, reviewFindings } from './review-progress';

/**
 * review/progress's rows counted where they are found, for a view that needs
 * only the counts (the export dialog's "Left out" line): the same rows, kept
 * the same way, but no row per article built, sent and parsed.
 */
export async function reviewSummary(
  repo: AnnotationRepository,
  view: StoreView,
  state: ReviewProgressState,
  articleIds?: readonly string[],
): Promise<ReviewSummary> {
  const { articles, found } = await reviewFindings(repo, view, state);
  const everyone = new Set<string>();
  for (const row of found.values()) if ('layers' in row) for (const name of row.layers) everyone.add(name);
  everyone.delete(GOLD);

  const named = articleIds ? new Set(articleIds) : null;
  let counted = 0;
  let adjudicated = 0;
  const annotated = new Map<string, number>();
  for (const { id } of articles) {
    if (named && !named.has(id)) continue;
    const row = found.get(id) ?? NO_LAYERS;
    // An article whose files cannot be read is in no count: what it holds is unknown.
    if ('problem' in row) continue;
    counted++;
    if (row.adjudication.adjudicated) adjudicated++;
    for (const name of row.layers) annotated.set(name, (annotated.get(name) ?? 0) + 1);
  }
  return {
    annotators: [...everyone].sort(),
    articles: counted,
    adjudicated,
    annotated: [...annotated]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([annotator, n]) => ({
        annotator,
        articles: n,
      })),
  };
}
