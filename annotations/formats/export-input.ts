import type { ExportScope, LeftOut, OutOfScope } from '../contract';
import { FactmarkError, StoreUnreadableError } from '../errors';
import type { Article, ArticleLayer, Entity, EventRecord } from '../model';
import { GOLD } from '../model';
import type { StoreView } from '../repository';
import { articleAdjudication, notAdjudicatedReason } from '../review/adjudication';
import type { Tagset } from '../tagset';

/** What an exporter reads: the chosen articles with the layers in scope, and the project. */
export interface ExportInput {
  articles: { article: Article; layer: ArticleLayer }[];
  tagset: Tagset;
  entities: Entity[];
  events: EventRecord[];
  /** Which layers `articles` hold; absent: every layer, each kept apart. */
  scope?: ExportScope;
  /** The organisation that publishes the verdicts (the settings), for ClaimReview's author. */
  reviewingOrganisation?: string;
}

/** Which part of the store to export; an absent filter keeps everything. */
export interface ExportSelection {
  articleIds?: readonly string[];
  kinds?: readonly string[];
  /** Absent: every layer, each kept apart. */
  scope?: ExportScope;
  /** With every layer in scope: only these layers. */
  annotators?: readonly string[];
}

/** What was read for an export, and the chosen articles it leaves out. */
export interface ReadExport extends ExportInput {
  /** Files that cannot be read. */
  leftOut: LeftOut[];
  /** Gold scope: articles not adjudicated yet. */
  notAdjudicated: OutOfScope[];
  /** One annotator's scope: articles they never touched. */
  notAnnotated: OutOfScope[];
}

/** One annotator's part of an article's layer, named. */
export interface NamedLayer {
  annotator: string;
  layer: ArticleLayer;
}

const touches = (layer: ArticleLayer, annotator: string) =>
  layer.annotations.some((a) => a.annotator === annotator) ||
  layer.relations.some((r) => r.annotator === annotator) ||
  layer.documentLabels.some((d) => d.annotator === annotator) ||
  (annotator === GOLD && (layer.decisions ?? []).length > 0);

/** Every annotator with something in the layer, sorted, gold last. */
export function annotatorsIn(layer: ArticleLayer): string[] {
  const names = new Set([
    ...layer.annotations.map((a) => a.annotator),
    ...layer.relations.map((r) => r.annotator),
    ...layer.documentLabels.map((d) => d.annotator),
  ]);
  if ((layer.decisions ?? []).length > 0) names.add(GOLD);
  return [...names].sort(byLayerName);
}

/** Annotators in code-unit order, gold last. */
export const byLayerName = (a: string, b: string) => (a === b ? 0 : a === GOLD ? 1 : b === GOLD ? -1 : a < b ? -1 : 1);

/** The part of a layer that is one annotator's. */
export function layerOf(layer: ArticleLayer, annotator: string): ArticleLayer {
  return {
    annotations: layer.annotations.filter((a) => a.annotator === annotator),
    relations: layer.relations.filter((r) => r.annotator === annotator),
    documentLabels: layer.documentLabels.filter((d) => d.annotator === annotator),
    ...(annotator === GOLD && layer.decisions ? { decisions: layer.decisions } : {}),
  };
}

/**
 * The layers of one exported article, each apart and named: the scope's one
 * layer (even when empty: an adjudicated article may have nothing in gold),
 * or, for every layer, each annotator present (none for an article nobody
 * touched).
 */
export function layersOf(input: Pick<ExportInput, 'scope'>, layer: ArticleLayer): NamedLayer[] {
  const scope = input.scope ?? { layer: 'all' };
  if (scope.layer === 'one') return [{ annotator: scope.annotator, layer }];
  if (scope.layer === 'gold') return [{ annotator: GOLD, layer }];
  return annotatorsIn(layer).map((annotator) => ({ annotator, layer: layerOf(layer, annotator) }));
}

/** Whether the export keeps several layers, each in its own records or files. */
export const everyLayer = (input: Pick<ExportInput, 'scope'>) => (input.scope ?? { layer: 'all' }).layer === 'all';

function checkSelection(selection: ExportSelection): void {
  const { scope, annotators } = selection;
  if (scope?.layer === 'one' && scope.annotator === GOLD)
    throw new FactmarkError(
      'invalid-argument',
      `"${GOLD}" is the adjudicated layer: export it with the gold scope, which covers adjudicated articles`,
    );
  if (scope && scope.layer !== 'all' && annotators)
    throw new FactmarkError(
      'invalid-argument',
      `annotators narrows an export of every layer; the ${scope.layer === 'gold' ? 'gold' : 'one-layer'} scope names its layer already`,
    );
}

/** Articles read at once: the disk answers several reads in the time of one. */
const READ_AHEAD = 16;

/**
 * Every chosen article with its layer, in order, as `eachLayer` gives them,
 * but read `READ_AHEAD` at a time: an export of ten thousand articles waits
 * on the disk, not on the work. An article whose files cannot be read is
 * added to `leftOut` in its turn.
 */
async function* readAhead(
  repo: StoreView,
  leftOut: LeftOut[],
  ids: readonly string[],
): AsyncGenerator<{ article: Article; layer: ArticleLayer }> {
  const titles = new Map(repo.listArticles().map((a) => [a.id, a.title]));
  const read = (articleId: string) =>
    Promise.all([repo.getArticle(articleId), repo.readLayer(articleId)]).then(
      ([article, layer]) => ({ article, layer }),
      (error: unknown) => {
        if (error instanceof StoreUnreadableError) return { file: error.file, reason: error.reason };
        throw error;
      },
    );
  const pending: ReturnType<typeof read>[] = [];
  for (let next = 0; next < ids.length || pending.length > 0;) {
    while (next < ids.length && pending.length < READ_AHEAD) {
      const reading = read(ids[next++]!);
      // A read failing while an earlier one is awaited is told in its turn, not as an unhandled rejection.
      reading.catch(() => undefined);
      pending.push(reading);
    }
    const articleId = ids[next - pending.length]!;
    const result = await pending.shift()!;
    if ('article' in result) yield result;
    else leftOut.push({ articleId, title: titles.get(articleId) ?? articleId, ...result });
  }
}

/**
 * Reads the selection from the store. Relations whose ends were filtered out
 * are dropped too. A chosen article whose files cannot be read is left out,
 * and named in `leftOut`; so is, for the gold layer, an article not
 * adjudicated yet (unless asked for), and, for one annotator's layer, an
 * article they never touched: it holds no negatives of theirs.
 */
export async function readExportInput(
  repo: StoreView,
  selection: ExportSelection = {},
  onArticle?: (done: number, total: number) => void,
): Promise<ReadExport> {
  checkSelection(selection);
  const scope = selection.scope ?? { layer: 'all' };
  const ids = repo
    .listArticles()
    .map((a) => a.id)
    .filter((id) => !selection.articleIds || selection.articleIds.includes(id));
  const inScope = (annotator: string) =>
    scope.layer === 'one'
      ? annotator === scope.annotator
      : scope.layer === 'gold'
        ? annotator === GOLD
        : !selection.annotators || selection.annotators.includes(annotator);
  const articles: ExportInput['articles'] = [];
  const leftOut: LeftOut[] = [];
  const notAdjudicated: OutOfScope[] = [];
  const notAnnotated: OutOfScope[] = [];
  const layersSeen = new Set<string>();
  let done = 0;
  for await (const { article, layer: full } of readAhead(repo, leftOut, ids)) {
    done++;
    onArticle?.(done + leftOut.length, ids.length);
    const ref = { articleId: article.id, title: article.title };
    for (const name of annotatorsIn(full)) layersSeen.add(name);
    if (scope.layer === 'gold' && !scope.includeUnadjudicated) {
      const reason = notAdjudicatedReason(articleAdjudication(full));
      if (reason) {
        notAdjudicated.push({ ...ref, reason });
        continue;
      }
    }
    if (scope.layer === 'one' && !touches(full, scope.annotator)) {
      notAnnotated.push({ ...ref, reason: `${scope.annotator} has not annotated it` });
      continue;
    }
    const annotations = full.annotations.filter(
      (a) => inScope(a.annotator) && (!selection.kinds || selection.kinds.includes(a.kind)),
    );
    const kept = new Set(annotations.map((a) => a.id));
    const relations = full.relations.filter(
      (r) => inScope(r.annotator) && kept.has(r.from) && (r.to.kind === 'entity' || kept.has(r.to.id)),
    );
    const documentLabels = full.documentLabels.filter((d) => inScope(d.annotator));
    const decisions = scope.layer !== 'one' && inScope(GOLD) ? full.decisions : undefined;
    articles.push({ article, layer: { annotations, relations, documentLabels, ...(decisions ? { decisions } : {}) } });
  }
  if (scope.layer === 'one' && articles.length === 0 && notAnnotated.length > 0) {
    const known = [...layersSeen].sort();
    throw new FactmarkError(
      'invalid-argument',
      `${scope.annotator} has no layer in the chosen articles; the layers there are: ${known.length > 0 ? known.join(', ') : 'none'}`,
    );
  }
  const { tagset, entities, events, settings } = repo.readProject();
  return {
    articles,
    tagset,
    entities,
    events,
    scope,
    ...(settings?.reviewingOrganisation ? { reviewingOrganisation: settings.reviewingOrganisation } : {}),
    leftOut,
    notAdjudicated,
    notAnnotated,
  };
}

/** A file of an export: its path inside the export, and its text. */
export interface ExportedFile {
  path: string;
  content: string;
}

/** A file name safe on every platform, from an article id. */
export function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * A folder name for each annotator, safe on every platform and distinct even
 * where two names differ only in characters a file name cannot hold.
 */
export function layerFolders(annotators: readonly string[]): Map<string, string> {
  const folders = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of annotators) {
    let base = safeName(name);
    if (/^\.*$/.test(base)) base = `_${base}`;
    let folder = base;
    for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${base}-${n}`;
    taken.add(folder.toLowerCase());
    folders.set(name, folder);
  }
  return folders;
}
