import { articleFromText } from '../article-text';
import { resolveAttributes } from '../attributes';
import type { Annotation, Article, Relation } from '../model';
import { checkAnnotation, checkRelation } from '../record-checks';
import type { ServiceContext } from '../service/context';
import type { ParsedDocument } from '../formats/interchange-parse';
import type { FileReport } from './article-import';
import { introducedProblems, refusalReasons } from './import-checks';
import { articleIdFrom, createIdSet, sourceWithId } from './import-ids';
import { countNewRecords } from './import-report';
import { Refused } from './import-transaction';

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
  const taken = createIdSet(summaries.map((a) => a.id));
  const stamp = ctx.now();
  /** By content hash: two documents with one text (two annotators' versions) go to one article. */
  const plans = new Map<string, Planned>();
  const errors: string[] = [];

  for (const doc of documents) {
    const candidate = await articleFromText(doc.articleId ?? 'imported', doc.text, report.file, stamp);
    if (candidate.text !== doc.text) {
      errors.push(`${doc.where}: the text has Windows line endings; its offsets would not match once normalised`);
      continue;
    }
    let plan = plans.get(candidate.contentHash);
    if (!plan) {
      const existing = byHash.get(candidate.contentHash);
      let article: Article;
      if (existing) article = await ctx.repo.getArticle(existing);
      else {
        const id = articleIdFrom(doc.articleId ?? report.file, taken);
        const source = sourceWithId(report.file, doc.articleId, id);
        article = { ...candidate, id, source, title: doc.title ?? candidate.title };
      }
      plan = { article, isNew: !existing, annotations: [], relations: [] };
      plans.set(candidate.contentHash, plan);
    }
    const { article } = plan;
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
      // An end that is not a span of the file is reported; one refused above already was.
      const absent = [r.from, r.to].find((id) => !doc.spans.some((span) => span.localId === id));
      if (absent !== undefined)
        errors.push(`${doc.where}, link ${r.type}: it joins "${absent}", which is not a span of the file`);
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
  }
  const layers = [];
  for (const plan of plans.values()) {
    const before = plan.isNew
      ? { annotations: [], relations: [], documentLabels: [] }
      : await ctx.repo.readLayer(plan.article.id);
    const after = {
      ...before,
      annotations: [...before.annotations, ...plan.annotations],
      relations: [...before.relations, ...plan.relations],
    };
    errors.push(...introducedProblems(plan.article, before, after, { tagset, entities, events }));
    layers.push({ plan, before, after });
  }
  if (errors.length > 0) throw new Refused(refusalReasons(errors));
  const fresh = [...plans.values()].filter((p) => p.isNew).map((p) => p.article);
  await ctx.repo.addArticles(fresh);
  report.added.articles += fresh.length;
  for (const { plan, before, after } of layers) {
    if (!plan.isNew) report.duplicates++;
    await ctx.repo.updateLayer(plan.article.id, () => after);
    countNewRecords(report.added, before, after);
    report.imported.push(
      `${plan.annotations.length} annotations and ${plan.relations.length} links into ${plan.article.id} (${annotator})`,
    );
  }
}
