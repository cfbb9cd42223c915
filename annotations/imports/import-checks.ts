import type { Article, ArticleLayer, Entity, EventRecord } from '../model';
import { AnnotationSchema, DocumentLabelsSchema, RelationSchema } from '../model';
import { checkAnnotation, checkDocumentLabels, checkRelation } from '../record-checks';
import type { Tagset } from '../tagset';

/** How many problems a refused file lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

export interface Registry {
  tagset: Tagset;
  entities: readonly Entity[];
  events: readonly EventRecord[];
}

const firstIssue = (error: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'record'}: ${issue.message}` : 'invalid';
};

/**
 * Every problem of one layer, as the store's check (validate-store.ts
 * `layerProblems`) finds them, and what the store would refuse to write: a
 * record its schema would not read back.
 */
function problemsOf(article: Article, layer: ArticleLayer, registry: Registry): string[] {
  const { tagset, entities, events } = registry;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const a of layer.annotations) {
    const what = `annotation ${a.id} (${a.kind} ${a.start}–${a.end})`;
    if (seen.has(a.id)) problems.push(`${what}: id used twice`);
    seen.add(a.id);
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

/**
 * The problems an import would bring into one article's layer: those of the
 * layer after it that the layer before it did not have (a store already
 * holding a bad record is not the imported file's fault). Each names the
 * article.
 */
export function introducedProblems(
  article: Article,
  before: ArticleLayer,
  after: ArticleLayer,
  registry: Registry,
): string[] {
  const old = new Set(
    before.annotations.length + before.relations.length > 0 ? problemsOf(article, before, registry) : [],
  );
  return problemsOf(article, after, registry)
    .filter((p) => !old.has(p))
    .map((p) => `article ${article.id}: ${p}`);
}

/** Event records naming participants that are not entities of the registry. */
export function registryProblems(events: readonly EventRecord[], entities: readonly Entity[]): string[] {
  const known = new Set(entities.map((e) => e.id));
  return events.flatMap((e) =>
    e.participants.filter((p) => !known.has(p)).map((p) => `event ${e.id}: participant "${p}" is not an entity`),
  );
}

/** A refused file's reasons: its problems, at most `MAX_LISTED_PROBLEMS` of them and a count of the rest. */
export function refusalReasons(problems: readonly string[]): string[] {
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return more > 0 ? [...problems.slice(0, MAX_LISTED_PROBLEMS), `…and ${more} more problems`] : [...problems];
}
