import { articleFromText } from '../article-text';
import { resolveAttributes } from '../attributes';
import type { Annotation, Article, Relation } from '../model';
import { checkAnnotation, checkRelation } from '../record-checks';
import type { ServiceContext } from '../service/context';
import type { ParsedDocument } from '../formats/interchange-parse';
import type { FileReport } from './article-import';

interface Planned {
  article: Article;
  isNew: boolean;
  annotations: Annotation[];
  relations: Relation[];
}

/**
 * Brings documents read from another tool into the annotator's layer: each
 * document's text is matched to a store article by content (or added), each
 * span and link checked as a fresh edit would be. Any problem refuses the
 * whole file, with every problem listed; nothing is written for it.
 */
export async function importDocuments(
  ctx: ServiceContext,
  documents: ParsedDocument[],
  annotator: string,
  report: FileReport,
): Promise<void> {
  const { tagset, entities, events } = ctx.repo.readProject();
  const summaries = ctx.repo.listArticles();
  const byHash = new Map(summaries.map((a) => [a.contentHash, a.id]));
  const taken = new Set(summaries.map((a) => a.id));
  const stamp = ctx.now();
  const plans: Planned[] = [];
  const errors: string[] = [];

  for (const doc of documents) {
    const candidate = await articleFromText(doc.articleId ?? 'imported', doc.text, report.file, stamp);
    if (candidate.text !== doc.text) {
      errors.push(`${doc.where}: the text has Windows line endings; its offsets would not match once normalised`);
      continue;
    }
    const existing = byHash.get(candidate.contentHash);
    let article: Article;
    if (existing) article = await ctx.repo.getArticle(existing);
    else {
      let id =
        (doc.articleId ?? report.file.replace(/\.[^.]*$/, ''))
          .replace(/[^A-Za-z0-9_.-]+/g, '-')
          .replace(/^[^A-Za-z0-9]+/, '') || 'imported';
      for (let n = 2; taken.has(id); n++)
        id = `${(doc.articleId ?? 'imported').replace(/[^A-Za-z0-9_.-]+/g, '-')}-${n}`;
      taken.add(id);
      byHash.set(candidate.contentHash, id);
      article = { ...candidate, id, title: doc.title ?? candidate.title };
    }
    const plan: Planned = { article, isNew: !existing, annotations: [], relations: [] };
    const local = new Map<string, string>();
    for (const span of doc.spans) {
      const id = ctx.newId();
      try {
        const annotation: Annotation = {
          id,
          articleId: article.id,
          annotator,
          kind: span.kind,
          start: span.start,
          end: span.end,
          quote: span.quote,
          attributes: resolveAttributes(tagset, span.kind, span.attributes),
          note: span.note,
          entityId: null,
          eventId: null,
          createdAt: stamp,
          updatedAt: stamp,
        };
        checkAnnotation(tagset, article.text, annotation, entities, events);
        plan.annotations.push(annotation);
        local.set(span.localId, id);
      } catch (error) {
        errors.push(`${doc.where}, span ${span.kind} ${span.start}–${span.end}: ${(error as Error).message}`);
      }
    }
    for (const r of doc.relations) {
      const from = local.get(r.from);
      const to = local.get(r.to);
      if (!from || !to) continue;
      const relation: Relation = {
        id: ctx.newId(),
        articleId: article.id,
        annotator,
        type: r.type,
        from,
        to: { kind: 'annotation', id: to },
        createdAt: stamp,
      };
      try {
        checkRelation(tagset, { annotations: plan.annotations, relations: [], documentLabels: [] }, relation, entities);
        plan.relations.push(relation);
      } catch (error) {
        errors.push(`${doc.where}, link ${r.type}: ${(error as Error).message}`);
      }
    }
    plans.push(plan);
  }
  if (errors.length > 0) {
    report.skipped.push(...errors);
    return;
  }
  await ctx.repo.addArticles(plans.filter((p) => p.isNew).map((p) => p.article));
  for (const plan of plans) {
    if (!plan.isNew) report.duplicates++;
    await ctx.repo.updateLayer(plan.article.id, (layer) => ({
      ...layer,
      annotations: [...layer.annotations, ...plan.annotations],
      relations: [...layer.relations, ...plan.relations],
    }));
    report.imported.push(
      `${plan.annotations.length} annotations and ${plan.relations.length} links into ${plan.article.id} (${annotator})`,
    );
  }
}
