import type { LeftOut, ReviewProgressRow } from '../../annotations/contract';
import { GOLD } from '../../annotations/model';
import type { StoreView } from '../../annotations/repository';
import { articleAdjudication } from '../../annotations/review/adjudication';
import { layerNames } from '../../annotations/review/compare';
import { eachLayer } from '../../annotations/service/context';

/*
 * review/progress as Factmark computed it before it kept rows per layer
 * revision: every article's text and layer read on every call. Kept only to
 * check the cached rows against.
 */
export async function referenceReviewProgress(
  repo: StoreView,
  annotators?: readonly string[],
): Promise<ReviewProgressRow[]> {
  const rows = new Map<string, ReviewProgressRow>();
  const leftOut: LeftOut[] = [];
  for await (const { article, layer } of eachLayer(repo, leftOut)) {
    const layers = layerNames(layer, GOLD);
    const { differences, decided, adjudicated } = articleAdjudication(layer, annotators ?? layers);
    rows.set(article.id, {
      articleId: article.id,
      title: article.title,
      layers,
      done: layer.documentLabels.filter((d) => d.done).map((d) => d.annotator),
      differences,
      decided,
      adjudicated,
    });
  }
  for (const { articleId, title, file, reason } of leftOut)
    rows.set(articleId, {
      articleId,
      title,
      layers: [],
      done: [],
      differences: 0,
      decided: 0,
      adjudicated: false,
      problem: { file, reason },
    });
  return repo.listArticles().flatMap((a) => rows.get(a.id) ?? []);
}
