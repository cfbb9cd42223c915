import type { RecommenderFigures, SuggestionEvaluation } from '../contract';
import { StoreUnreadableError } from '../errors';
import type { Annotation, ArticleLayer } from '../model';
import { GOLD } from '../model';
import type { StoreView } from '../repository';
import type { Figures, ScoredSpan } from '../suggest/evaluate';
import { addFigures, evaluate, figures } from '../suggest/evaluate';
import type { RecommenderId } from '../suggest/recommender';
import { RECOMMENDER_IDS } from '../suggest/recommender';
import type { ArticleRequest, SuggestBatch } from './suggest-runner';
import { examplesKey, inThreadRunner } from './suggest-runner';
import type { SuggestSources } from './suggest-proposals';
import { suggestSettingsOf } from './suggest-proposals';
import { examplesOf } from './suggest-examples';

/** The learned recommender is measured by cross-validation over this many folds of the articles. */
const FOLDS = 5;
/**
 * Articles are sent to the recommenders in batches of about this many
 * characters: between two, the thread that reads them answers other requests.
 */
const BATCH_CHARS = 100_000;

interface Tally {
  /** Per article measured: what it proposed there. */
  found: Map<string, ScoredSpan[]>;
  kinds: Set<string>;
  accepted: number;
  rejected: number;
}

const rate = (accepted: number, rejected: number) =>
  accepted + rejected === 0 ? null : accepted / (accepted + rejected);

/**
 * Each recommender measured against a reference layer (gold by default) on
 * the articles it has annotations on: exact matches of kind and span, over
 * the reference's spans of the kinds the recommender proposed somewhere
 * (every enabled kind when it proposed none). The learned recommender is
 * measured by five-fold cross-validation: on each fifth of the articles it
 * learns from the reference layer on the rest of the store. Acceptance counts
 * annotations made from its suggestions in any layer but gold (whose copies
 * of them are adjudications, not acceptances) and rejections of them,
 * over the articles asked about.
 */
export async function evaluateSuggestions(
  sources: SuggestSources,
  view: StoreView,
  { reference = GOLD, articleIds }: { reference?: string; articleIds?: readonly string[] },
): Promise<SuggestionEvaluation> {
  const project = view.readProject();
  const settings = suggestSettingsOf(project);
  const known = new Set(view.listArticles().map((a) => a.id));
  const ids = (articleIds ?? [...known]).filter((id) => known.has(id));
  const tallies = new Map<RecommenderId, Tally>(
    RECOMMENDER_IDS.map((id) => [id, { found: new Map(), kinds: new Set(), accepted: 0, rejected: 0 }]),
  );
  const references = new Map<string, Annotation[]>();
  for (const articleId of ids) {
    let layer: ArticleLayer;
    try {
      layer = await view.readLayer(articleId);
    } catch (error) {
      if (error instanceof StoreUnreadableError) continue;
      throw error;
    }
    for (const a of layer.annotations) {
      // A gold annotation taken from an accepted suggestion carries its mark too: counted once, in its own layer.
      const tally = a.suggestedBy && a.annotator !== GOLD ? tallies.get(a.suggestedBy as RecommenderId) : undefined;
      if (tally) tally.accepted++;
    }
    for (const r of layer.rejections ?? []) {
      const tally = tallies.get(r.recommender as RecommenderId);
      if (tally) tally.rejected++;
    }
    const spans = layer.annotations.filter((a) => a.annotator === reference);
    if (spans.length > 0) references.set(articleId, spans);
  }

  const measured = [...references.keys()];
  const learnedFrom = await examplesOf(sources.repo, view, sources.examples, [reference]);
  const runner = sources.runner ?? inThreadRunner(sources.examples.learned);
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = new Set(measured.filter((_, i) => i % FOLDS === fold));
    if (inFold.size === 0) continue;
    // Learned from the reference layer everywhere but this fold: no article is measured against what it taught.
    const examples = [...learnedFrom].filter(([id]) => !inFold.has(id)).map(([, example]) => example);
    const key = examplesKey(examples);
    let batch: SuggestBatch = { key, examples, requests: [] };
    let batchIds: string[] = [];
    let chars = 0;
    const send = async () => {
      const results = await runner.run(batch);
      // Each article's answers come back in the order asked: one per recommender.
      batchIds.forEach((articleId, a) =>
        RECOMMENDER_IDS.forEach((recommender, r) => {
          const found = results[a * RECOMMENDER_IDS.length + r]!;
          const tally = tallies.get(recommender)!;
          tally.found.set(articleId, found);
          for (const s of found) tally.kinds.add(s.kind);
        }),
      );
      batch = { key, examples, requests: [] };
      batchIds = [];
      chars = 0;
    };
    for (const articleId of inFold) {
      const article = await view.getArticle(articleId);
      for (const recommender of RECOMMENDER_IDS) {
        const request: ArticleRequest = {
          article: { id: article.id, text: article.text },
          tagset: project.tagset,
          entities: project.entities,
          settings: { ...settings, recommenders: [recommender] },
        };
        batch.requests.push({ request, learn: recommender === 'learned' });
      }
      batchIds.push(articleId);
      chars += article.text.length;
      if (chars >= BATCH_CHARS) await send();
    }
    if (batchIds.length > 0) await send();
  }

  const enabled = new Set(
    project.tagset.kinds.map((k) => k.kind).filter((k) => settings.kinds === null || settings.kinds.includes(k)),
  );
  const rows: RecommenderFigures[] = RECOMMENDER_IDS.map((recommender) => {
    const tally = tallies.get(recommender)!;
    const kinds = tally.kinds.size > 0 ? tally.kinds : enabled;
    let total: Figures = figures(0, 0, 0, 0);
    for (const [articleId, spans] of references) {
      const gold = spans.filter((a) => kinds.has(a.kind));
      total = addFigures(total, evaluate(tally.found.get(articleId) ?? [], gold).exact);
    }
    return {
      recommender,
      suggested: total.suggested,
      matched: total.hits,
      referenceSpans: total.gold,
      precision: total.precision,
      recall: total.recall,
      f1: total.f1,
      accepted: tally.accepted,
      rejected: tally.rejected,
      acceptanceRate: rate(tally.accepted, tally.rejected),
    };
  });
  return { reference, articles: references.size, recommenders: rows };
}
