import type { Article, ArticleLayer, Entity, EventRecord } from './model';
import { AnnotationSchema, DocumentLabelsSchema, RelationSchema } from './model';
import { checkAnnotation, checkDocumentLabels, checkRelation } from './record-checks';
import type { SchemaIssue } from './schema-issues';
import { issuesText } from './schema-issues';
import type { Tagset } from './tagset';

const firstIssue = (error: { issues: SchemaIssue[] }) => issuesText(error.issues, 1, 'record') || 'invalid';

/**
 * Every problem of one article's layer: records its schema would not read
 * back, ids used twice, records of another article, and what the text, the
 * tagset and the registries refuse. `factmark validate`, the import of a
 * bundle and the crash tests all check with this.
 */
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
    const what = `annotation ${a.id} (${a.kind} ${a.start}–${a.end})`;
    if (seen.has(a.id)) problems.push(`${what}: id used twice`);
    seen.add(a.id);
    if (a.articleId !== article.id) problems.push(`${what}: belongs to article "${a.articleId}"`);
    const parsed = AnnotationSchema.safeParse(a);
    if (!parsed.success) problems.push(`${what}: ${firstIssue(parsed.error)}`);
    try {
      checkAnnotation(tagset, article.text, a, entities, events);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  }
  const linked = new Set<string>();
  for (const r of layer.relations) {
    const what = `link ${r.id} (${r.type})`;
    if (linked.has(r.id)) problems.push(`${what}: id used twice`);
    linked.add(r.id);
    const parsed = RelationSchema.safeParse(r);
    if (!parsed.success) problems.push(`${what}: ${firstIssue(parsed.error)}`);
    try {
      checkRelation(tagset, layer, r, entities);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  }
  for (const d of layer.documentLabels) {
    const parsed = DocumentLabelsSchema.safeParse(d);
    if (!parsed.success) problems.push(`article labels of ${d.annotator}: ${firstIssue(parsed.error)}`);
    try {
      checkDocumentLabels(tagset, d.labels);
    } catch (error) {
      problems.push(`article labels of ${d.annotator}: ${(error as Error).message}`);
    }
  }
  return problems;
}
