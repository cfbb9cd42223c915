import type { ArticleLayer, Article, Entity, EventRecord } from '../model';
import { checkAnnotation, checkDocumentLabels, checkRelation } from '../record-checks';
import type { Tagset } from '../tagset';

/** Every problem of one article's layer against its text, the tagset and the registries. */
export function layerProblems(
  article: Article,
  layer: ArticleLayer,
  tagset: Tagset,
  entities: readonly Entity[],
  events: readonly EventRecord[],
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const a of layer.annotations) {
    if (seen.has(a.id)) problems.push(`annotation ${a.id}: id used twice`);
    seen.add(a.id);
    if (a.articleId !== article.id) problems.push(`annotation ${a.id}: belongs to article "${a.articleId}"`);
    try {
      checkAnnotation(tagset, article.text, a, entities, events);
    } catch (error) {
      problems.push(`annotation ${a.id} (${a.kind} ${a.start}–${a.end}): ${(error as Error).message}`);
    }
  }
  for (const r of layer.relations) {
    try {
      checkRelation(tagset, layer, r, entities);
    } catch (error) {
      problems.push(`relation ${r.id} (${r.type}): ${(error as Error).message}`);
    }
  }
  for (const d of layer.documentLabels) {
    try {
      checkDocumentLabels(tagset, d.labels);
    } catch (error) {
      problems.push(`article labels of ${d.annotator}: ${(error as Error).message}`);
    }
  }
  return problems;
}
