import type { Annotation } from '../model';
import type { AnnotationRepository, StoreView } from '../repository';
import type { ExampleArticle, ExampleSpan } from '../suggest/recommender';
import { StoreUnreadableError } from '../errors';
import type { LearnedState } from './suggest-learned';
import { createLearnedState } from './suggest-learned';

/** One annotated article as the learned recommender reads it: its text and every layer's spans, by annotator. */
interface HeldArticle {
  revision: string;
  text: string;
  spans: Map<string, ExampleSpan[]>;
}

/** The examples for one set of layers, and the articles' revisions they were built from. */
interface ExampleSet {
  signature: string;
  byArticle: Map<string, ExampleArticle>;
}

/**
 * What suggestions learn from, kept between calls: each annotated article
 * read once per revision of its layer files, and each set of layers' examples
 * until one of those files changes. A second `suggestions/list` reads nothing.
 */
export interface ExampleState {
  articles: Map<string, HeldArticle>;
  sets: Map<string, ExampleSet>;
  /** The learned recommender's indexes built from them. */
  learned: LearnedState;
}

export function createExampleState(): ExampleState {
  return { articles: new Map(), sets: new Map(), learned: createLearnedState() };
}

const asSpan = (a: Annotation): ExampleSpan => ({
  kind: a.kind,
  start: a.start,
  end: a.end,
  attributes: a.attributes,
  entityId: a.entityId,
});

function spansByAnnotator(annotations: readonly Annotation[]): Map<string, ExampleSpan[]> {
  const spans = new Map<string, ExampleSpan[]>();
  for (const a of annotations) {
    let list = spans.get(a.annotator);
    if (!list) spans.set(a.annotator, (list = []));
    list.push(asSpan(a));
  }
  return spans;
}

/** The spans of `layers` (earlier layers first), one per kind and span: a span two layers share counts once. */
function exampleOf(held: Pick<HeldArticle, 'text' | 'spans'>, layers: readonly string[]): ExampleArticle | null {
  const seen = new Set<string>();
  const annotations: ExampleSpan[] = [];
  for (const layer of layers)
    for (const s of held.spans.get(layer) ?? []) {
      const key = `${s.kind}:${s.start}:${s.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      annotations.push(s);
    }
  return annotations.length === 0 ? null : { text: held.text, annotations };
}

/**
 * The annotated articles of `layers` as examples, by article id. Where the
 * repository lists its layer files (the Node store), an article is read only
 * when its files changed since; elsewhere every article is read. An article
 * whose files cannot be read gives no example.
 */
export async function examplesOf(
  repo: AnnotationRepository,
  view: StoreView,
  state: ExampleState,
  layers: readonly string[],
): Promise<Map<string, ExampleArticle>> {
  const listed = repo.listLayerFiles && repo.readUnkept ? await repo.listLayerFiles() : null;
  if (!listed) return readEveryArticle(view, layers);
  const wanted = new Set(layers);
  const relevant = [...listed].filter(([, files]) => files.annotators.some((a) => a === null || wanted.has(a)));
  const signature = relevant.map(([id, files]) => `${id}\n${files.revision}`).join('\n');
  const key = JSON.stringify(layers);
  const kept = state.sets.get(key);
  if (kept && kept.signature === signature) return kept.byArticle;

  const byArticle = new Map<string, ExampleArticle>();
  for (const [articleId, files] of relevant) {
    let held = state.articles.get(articleId);
    if (!held || held.revision !== files.revision) {
      try {
        const { layer, text } = await repo.readUnkept!(articleId, true);
        held = { revision: files.revision, text: text!, spans: spansByAnnotator(layer.annotations) };
        state.articles.set(articleId, held);
      } catch (error) {
        if (error instanceof StoreUnreadableError) continue;
        throw error;
      }
    }
    const example = exampleOf(held, layers);
    // The same spans keep the same object: what was built from the examples (the learned index) stays valid.
    const before = kept?.byArticle.get(articleId);
    if (example) byArticle.set(articleId, before && sameExample(before, example) ? before : example);
  }
  for (const id of state.articles.keys()) if (!listed.has(id)) state.articles.delete(id);
  state.sets.set(key, { signature, byArticle });
  return byArticle;
}

function sameExample(a: ExampleArticle, b: ExampleArticle): boolean {
  return a.text === b.text && JSON.stringify(a.annotations) === JSON.stringify(b.annotations);
}

async function readEveryArticle(view: StoreView, layers: readonly string[]): Promise<Map<string, ExampleArticle>> {
  const byArticle = new Map<string, ExampleArticle>();
  for (const { id } of view.listArticles()) {
    try {
      const layer = await view.readLayer(id);
      if (layer.annotations.length === 0) continue;
      const { text } = await view.getArticle(id);
      const example = exampleOf({ text, spans: spansByAnnotator(layer.annotations) }, layers);
      if (example) byArticle.set(id, example);
    } catch (error) {
      if (!(error instanceof StoreUnreadableError)) throw error;
    }
  }
  return byArticle;
}
