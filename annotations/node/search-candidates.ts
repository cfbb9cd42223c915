import type { ArticleSummary } from '../model';
import type { SearchCandidate } from '../repository';
import type { StoreSearchIndex } from './store-search-index';

/**
 * The articles a search must read, in list order: those with annotation
 * files (their annotations are searched), and, when the needle is searched
 * in the texts, those whose text the word index says holds it (with how
 * many times, when it knows) or that it does not hold yet (read to know).
 */
export async function searchCandidates(
  list: readonly ArticleSummary[],
  annotated: ReadonlySet<string>,
  index: StoreSearchIndex,
  needle: string,
  inText: boolean,
): Promise<SearchCandidate[]> {
  const candidates: SearchCandidate[] = [];
  if (!inText) {
    for (const summary of list) if (annotated.has(summary.id)) candidates.push({ summary, annotated: true });
    return candidates;
  }
  const { found, docs } = await index.lookup(needle);
  list.forEach((summary, i) => {
    const doc = docs[i]!;
    let textMatches: number | null | undefined;
    if (doc < 0 || found.kind === 'any') textMatches = null;
    else if (found.kind === 'counts') textMatches = found.counts[doc]! > 0 ? found.counts[doc]! : undefined;
    else textMatches = found.docs[doc] ? null : undefined;
    const withLayer = annotated.has(summary.id);
    if (withLayer || textMatches !== undefined)
      candidates.push(
        textMatches === undefined ? { summary, annotated: withLayer } : { summary, annotated: withLayer, textMatches },
      );
  });
  return candidates;
}
