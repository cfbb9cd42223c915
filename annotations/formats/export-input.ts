import type { LeftOut } from '../contract';
import type { Article, ArticleLayer, Entity, EventRecord } from '../model';
import type { StoreView } from '../repository';
import { eachLayer } from '../service/context';
import type { Tagset } from '../tagset';

/** What an exporter reads: the chosen articles with their (filtered) layers, and the project. */
export interface ExportInput {
  articles: { article: Article; layer: ArticleLayer }[];
  tagset: Tagset;
  entities: Entity[];
  events: EventRecord[];
}

/** Which part of the store to export; an absent filter keeps everything. */
export interface ExportSelection {
  articleIds?: readonly string[];
  annotators?: readonly string[];
  kinds?: readonly string[];
}

/**
 * Reads the selection from the store. Relations whose ends were filtered out
 * are dropped too. A chosen article whose files cannot be read is left out,
 * and named in `leftOut`.
 */
export async function readExportInput(
  repo: StoreView,
  selection: ExportSelection = {},
  onArticle?: (done: number, total: number) => void,
): Promise<ExportInput & { leftOut: LeftOut[] }> {
  const ids = repo
    .listArticles()
    .map((a) => a.id)
    .filter((id) => !selection.articleIds || selection.articleIds.includes(id));
  const articles: ExportInput['articles'] = [];
  const leftOut: LeftOut[] = [];
  for await (const { article, layer: full } of eachLayer(repo, leftOut, ids)) {
    const annotations = full.annotations.filter(
      (a) =>
        (!selection.annotators || selection.annotators.includes(a.annotator)) &&
        (!selection.kinds || selection.kinds.includes(a.kind)),
    );
    const kept = new Set(annotations.map((a) => a.id));
    const relations = full.relations.filter((r) => kept.has(r.from) && (r.to.kind === 'entity' || kept.has(r.to.id)));
    const documentLabels = full.documentLabels.filter(
      (d) => !selection.annotators || selection.annotators.includes(d.annotator),
    );
    articles.push({ article, layer: { annotations, relations, documentLabels } });
    onArticle?.(articles.length + leftOut.length, ids.length);
  }
  const { tagset, entities, events } = repo.readProject();
  return { articles, tagset, entities, events, leftOut };
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
