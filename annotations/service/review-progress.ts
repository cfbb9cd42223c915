import type { AdjudicationState, ReviewProgressRow } from '../contract';
import { StoreUnreadableError } from '../errors';
import type { ArticleLayer, ArticleSummary } from '../model';
import { GOLD } from '../model';
import type { AnnotationRepository, StoreView } from '../repository';
import { articleAdjudication } from '../review/adjudication';
import { layerNames } from '../review/compare';

/** What one article's row says, kept under the revision of the layer files it was read from. */
interface KeptRow {
  revision: string;
  layers: readonly string[];
  done: readonly string[];
  /**
   * Its adjudication for each set of layers compared lately, as pairs laid
   * flat: the set's key (a JSON list of names; '' for the article's own
   * layers), then its state; the most recently used last.
   */
  states: (string | AdjudicationState)[];
}

/**
 * What review/progress keeps between calls, one per open store: a row per
 * article with layer files, so a call reads again only the articles whose
 * files changed. Layers themselves are never kept, and the lists of names
 * and the states, the same for most articles, are kept once (`shared`): a
 * row then takes little more than its revision.
 */
export interface ReviewProgressState {
  rows: Map<string, KeptRow>;
  shared: Map<string, readonly string[] | AdjudicationState>;
}

export function createReviewProgressState(): ReviewProgressState {
  return { rows: new Map(), shared: new Map() };
}

/** Layer sets compared kept per article: the dashboard's, the export dialog's and one more. */
const KEPT_CONFIGS = 3;
/** Articles read at a time: one after the other, the thread mostly waits on the disk. */
const BATCH = 16;
/** Distinct lists and states kept once; past this (hardly ever), they are kept anew. */
const SHARED_KEPT = 10_000;

/** The state kept for `key`, made the most recently used; undefined when it is not kept. */
function stateFor(kept: KeptRow, key: string): AdjudicationState | undefined {
  const at = kept.states.indexOf(key);
  if (at < 0) return undefined;
  const [, found] = kept.states.splice(at, 2);
  kept.states.push(key, found!);
  return found as AdjudicationState;
}

/** The one copy of a list of names, or of a state, equal to `value`. */
function shared<T extends readonly string[] | AdjudicationState>(state: ReviewProgressState, value: T): T {
  const key = JSON.stringify(value);
  const found = state.shared.get(key);
  if (found) return found as T;
  if (state.shared.size >= SHARED_KEPT) state.shared.clear();
  // Frozen: every row holding it would see a change.
  Object.freeze(value);
  state.shared.set(key, value);
  return value;
}

/**
 * Every article's review row, in the store's order, as the layers read now
 * say. `repo` is the store itself (its listing of layer files and its reads
 * that keep nothing), `view` the snapshot the operation runs in; a store
 * that cannot list its layer files is read whole, nothing kept.
 */
export async function reviewProgressRows(
  repo: AnnotationRepository,
  view: StoreView,
  state: ReviewProgressState,
  annotators?: readonly string[],
): Promise<ReviewProgressRow[]> {
  const { articles, found } = await reviewFindings(repo, view, state, annotators);
  return articles.map(({ id, title }): ReviewProgressRow => {
    const row = found.get(id) ?? NO_LAYERS;
    // A damaged article keeps its row, in its place, saying why it is empty.
    if ('problem' in row)
      return {
        articleId: id,
        title,
        layers: [],
        done: [],
        differences: 0,
        decided: 0,
        adjudicated: false,
        problem: row.problem,
      };
    const { differences, decided, adjudicated } = row.adjudication;
    return {
      articleId: id,
      title,
      layers: [...row.layers],
      done: [...row.done],
      differences,
      decided,
      adjudicated,
    };
  });
}

/**
 * What review/progress finds of each article with layer files (its row, or
 * why it cannot be read), the rest having none; kept rows are used and kept
 * as for `reviewProgressRows`.
 */
export async function reviewFindings(
  repo: AnnotationRepository,
  view: StoreView,
  state: ReviewProgressState,
  annotators?: readonly string[],
): Promise<{ articles: readonly ArticleSummary[]; found: ReadonlyMap<string, Found> }> {
  const articles = view.listArticles();
  const readUnkept = repo.readUnkept?.bind(repo);
  const listed = repo.listLayerFiles && readUnkept ? await repo.listLayerFiles() : null;
  const key = annotators ? JSON.stringify(annotators) : '';
  // What this call answers, taken as it goes: a call alongside may replace or drop the rows kept meanwhile.
  const found = new Map<string, Found>();
  const toRead: { id: string; revision: string | null }[] = [];
  for (const { id } of articles) {
    const files = listed?.get(id);
    // No layer file: the empty row, without a read.
    if (listed && !files) continue;
    const kept = files && state.rows.get(id);
    const adjudication = kept && kept.revision === files.revision ? stateFor(kept, key) : undefined;
    if (kept && adjudication) found.set(id, { layers: kept.layers, done: kept.done, adjudication });
    else toRead.push({ id, revision: files?.revision ?? null });
  }

  // Each article taken in as soon as its layers are read, not a batch at once: in between, the
  // thread answers what else was asked (a picker's matches), which a batch held for tens of ms.
  for (let at = 0; at < toRead.length; at += BATCH) {
    await Promise.all(
      toRead.slice(at, at + BATCH).map(async ({ id, revision }) => {
        let layer: ArticleLayer;
        try {
          layer = readUnkept ? (await readUnkept(id, false)).layer : await view.readLayer(id);
        } catch (error) {
          if (!(error instanceof StoreUnreadableError)) throw error;
          found.set(id, { problem: { file: error.file, reason: error.reason } });
          state.rows.delete(id);
          return;
        }
        found.set(id, keep(state, id, revision, layer, key, annotators));
      }),
    );
  }
  // Articles gone, or left without layer files, take no memory.
  if (listed) for (const id of state.rows.keys()) if (!listed.has(id)) state.rows.delete(id);
  return { articles, found };
}

/** One article's row as this call answers it: from its layers, or the file that cannot be read and why. */
export type Found =
  | { layers: readonly string[]; done: readonly string[]; adjudication: AdjudicationState }
  | { problem: { file: string; reason: string } };

/** An article without layers: nothing to compare, nothing decided. */
export const NO_LAYERS: Found = Object.freeze({
  layers: Object.freeze([]),
  done: Object.freeze([]),
  adjudication: Object.freeze({ differences: 0, decided: 0, adjudicated: false }),
});

/** The row of an article just read, kept under its revision for `key` (a store without revisions keeps nothing). */
function keep(
  state: ReviewProgressState,
  id: string,
  revision: string | null,
  layer: ArticleLayer,
  key: string,
  annotators: readonly string[] | undefined,
): Found {
  const layers = layerNames(layer, GOLD);
  const done = layer.documentLabels.filter((d) => d.done).map((d) => d.annotator);
  const { differences, decided, adjudicated } = articleAdjudication(layer, annotators ?? layers);
  const before = state.rows.get(id);
  // The same revision: the states kept for other layer sets still hold.
  const states = before && revision !== null && before.revision === revision ? before.states : [];
  const at = states.indexOf(key);
  if (at >= 0) states.splice(at, 2);
  const adjudication = shared(state, { differences, decided, adjudicated });
  states.push(key, adjudication);
  if (states.length > 2 * KEPT_CONFIGS) states.splice(0, 2);
  const kept: KeptRow = {
    revision: revision ?? '',
    layers: shared(state, layers),
    done: shared(state, done),
    states,
  };
  if (revision !== null) state.rows.set(id, kept);
  return { layers: kept.layers, done: kept.done, adjudication };
}
