import { articleFromText } from '../article-text';
import type { Article, Relation } from '../model';
import { GOLD } from '../model';
import type { ParsedRelation, ParsedSpan, ParseOutcome } from '../formats/interchange-parse';
import type { LabelStudioConfig } from '../formats/label-studio-config';
import { checkAnnotation, checkRelation } from '../record-checks';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import { introducedProblems, refusalReasons } from './import-checks';
import { articleIdFrom, createIdSet, sourceWithId } from './import-ids';
import type { LayerTally } from './import-report';
import { countNewRecords } from './import-report';
import type { ImportOptions } from './import-transaction';
import { GOLD_REFUSAL, Refused } from './import-transaction';
import type { Carried, ImportedLayer } from './interchange-layers';
import { createRecordIds, mergeImported } from './interchange-layers';
import { annotationOf, entityNamed, lineEndingShift } from './interchange-records';
import { grownTagset } from './interchange-tagset';
import { createLabelResolver } from './label-mapping';

/** A file of another tool, read: what the import needs of it. */
export interface InterchangeFile {
  /** Part of each imported record's id, so formats never name each other's records. */
  format: 'ls' | 'dc' | 'wa';
  outcome: ParseOutcome;
  /** The Label Studio labelling config given with the tasks: colours and controls for new kinds. */
  config?: LabelStudioConfig | null;
}

/** What each format carries besides kinds and spans (Label Studio's choices and text areas, W3C's bodies). */
const CARRIED: Record<InterchangeFile['format'], Carried> = {
  ls: { values: true, notes: true, entity: false },
  dc: { values: false, notes: false, entity: false },
  wa: { values: true, notes: true, entity: true },
};

interface Plan {
  article: Article;
  isNew: boolean;
  layers: Map<string, ImportedLayer & { ids: (localId: string) => string }>;
}

/**
 * Brings documents read from another tool's file into the store: each
 * document's text is matched to a store article by content (or added); each
 * label is resolved through the label map and the tagset (which grows when
 * the user asks); each span, value and link is checked as a fresh edit
 * would be, and goes to the layer its document names (else the import's
 * annotator), touching no other layer. Any problem refuses the whole file,
 * with every problem listed; nothing of it is written.
 */
export async function importDocuments(
  ctx: ServiceContext,
  file: InterchangeFile,
  options: ImportOptions,
  report: FileReport,
): Promise<void> {
  const project = ctx.repo.readProject();
  const { entities, events } = project;
  const { documents, notes, leftOut: fileLeftOut } = file.outcome;
  const errors = [...file.outcome.errors];
  const leftOut = [...fileLeftOut];
  const resolver = createLabelResolver(project.tagset, options.labels);
  const kindOf = new Map<ParsedSpan, string | null | undefined>();
  const typeOf = new Map<ParsedRelation, string | null | undefined>();
  let droppedLinks = 0;
  for (const doc of documents) {
    for (const span of doc.spans) kindOf.set(span, resolver.resolve(span.label, 'span'));
    for (const r of doc.relations) {
      const from = doc.spans.find((s) => s.localId === r.from);
      const to = 'span' in r.to ? doc.spans.find((s) => s.localId === (r.to as { span: string }).span) : null;
      if (!from || to === undefined) {
        const absent = !from ? r.from : (r.to as { span: string }).span;
        errors.push(`${r.where}, link ${r.label}: it joins "${absent}", which is not a span of the file`);
        continue;
      }
      if (kindOf.get(from) === null || (to && kindOf.get(to) === null)) {
        typeOf.set(r, null);
        droppedLinks++;
        continue;
      }
      typeOf.set(r, resolver.resolve(r.label, 'relation'));
    }
  }
  report.labels = resolver.uses();
  // Unknown labels refuse the file; its other problems are still looked for, so all are said at once.
  const unknown = resolver.problems();

  const tagset = grownTagset(project.tagset, documents, kindOf, typeOf, file.config ?? null, options, report);
  const summaries = ctx.repo.listArticles();
  const byHash = new Map(summaries.map((a) => [a.contentHash, a.id]));
  const taken = createIdSet(summaries.map((a) => a.id));
  const stamp = ctx.now();
  /** By content hash: documents with one text (several annotators' versions) go to one article. */
  const plans = new Map<string, Plan>();
  let droppedSpans = 0;

  for (const doc of documents) {
    const candidate = await articleFromText(doc.articleId ?? 'imported', doc.text, report.file, stamp);
    let plan = plans.get(candidate.contentHash);
    if (!plan) {
      const existing = byHash.get(candidate.contentHash);
      let article: Article;
      if (existing) article = await ctx.repo.getArticle(existing);
      else {
        const id = articleIdFrom(doc.origin ?? doc.articleId ?? report.file, taken);
        const source = sourceWithId(doc.origin ?? report.file, doc.articleId, id);
        article = { ...candidate, id, source, title: doc.title ?? candidate.title };
      }
      plan = { article, isNew: !existing, layers: new Map() };
      plans.set(candidate.contentHash, plan);
    }
    const annotator = doc.annotator ?? options.annotator;
    if (annotator === GOLD) {
      errors.push(`${doc.where}: ${GOLD_REFUSAL}`);
      continue;
    }
    let layer = plan.layers.get(annotator);
    if (!layer) {
      layer = {
        annotator,
        annotations: [],
        relations: [],
        ids: createRecordIds(plan.article.id, annotator, file.format),
      };
      plan.layers.set(annotator, layer);
    }
    const shift = lineEndingShift(doc.text);
    const local = new Map<string, string>();
    for (const span of doc.spans) {
      const kind = kindOf.get(span);
      if (kind === null) droppedSpans++;
      if (!kind) continue;
      try {
        const annotation = annotationOf(span, kind, doc, plan.article, layer, { tagset, entities, shift, stamp });
        if (typeof annotation === 'string') {
          errors.push(annotation);
          continue;
        }
        if (annotation.left) leftOut.push(annotation.left);
        checkAnnotation(tagset, plan.article.text, annotation.record, entities, events);
        layer.annotations.push(annotation.record);
        local.set(span.localId, annotation.record.id);
      } catch (error) {
        errors.push(`${span.where}: ${(error as Error).message}`);
      }
    }
    for (const r of doc.relations) {
      const type = typeOf.get(r);
      const from = local.get(r.from);
      if (!type || !from) continue;
      let to: Relation['to'];
      if ('span' in r.to) {
        const id = local.get(r.to.span);
        if (!id) continue;
        to = { kind: 'annotation', id };
      } else {
        const entity = entityNamed(r.to.entityIri, entities);
        if (!entity) {
          leftOut.push(`${r.where}: points to ${r.to.entityIri}, which is no entity of the registry: left out`);
          continue;
        }
        to = { kind: 'entity', id: entity.id };
      }
      const relation: Relation = {
        id: layer.ids(`r:${r.localId}`),
        articleId: plan.article.id,
        annotator,
        type,
        from,
        to,
        createdAt: stamp,
      };
      try {
        checkRelation(
          tagset,
          { annotations: layer.annotations, relations: [], documentLabels: [] },
          relation,
          entities,
        );
        layer.relations.push(relation);
      } catch (error) {
        errors.push(`${r.where}: ${(error as Error).message}`);
      }
    }
  }

  const merged = [];
  // Gold never gets here: a document naming it was refused above.
  const ownLayer = (annotator: string) => annotator === ctx.annotator;
  for (const plan of plans.values()) {
    const before = plan.isNew
      ? { annotations: [], relations: [], documentLabels: [] }
      : await ctx.repo.readLayer(plan.article.id);
    const result = mergeImported(before, [...plan.layers.values()], ownLayer, CARRIED[file.format]);
    errors.push(...result.clashes.map((c) => `article ${plan.article.id}: ${c}`));
    errors.push(...introducedProblems(plan.article, before, result.after, { tagset, entities, events }));
    merged.push({ plan, before, ...result });
  }
  if (errors.length + unknown.length > 0) throw new Refused(refusalReasons([...errors, ...unknown]));

  if (tagset !== project.tagset) await ctx.repo.updateProject((p) => ({ ...p, tagset }));
  const fresh = [...plans.values()].filter((p) => p.isNew).map((p) => p.article);
  await ctx.repo.addArticles(fresh);
  report.added.articles += fresh.length;
  const tallies = new Map<string, LayerTally>();
  let kept = 0;
  for (const { plan, before, after, tallies: mine, kept: k } of merged) {
    if (!plan.isNew) report.duplicates++;
    kept += k;
    await ctx.repo.updateLayer(plan.article.id, () => after);
    countNewRecords(report.added, before, after);
    for (const t of mine) {
      const sum = tallies.get(t.annotator) ?? { annotator: t.annotator, added: 0, removed: 0, changed: 0 };
      sum.added += t.added;
      sum.changed += t.changed;
      tallies.set(t.annotator, sum);
    }
    for (const layer of plan.layers.values())
      report.imported.push(
        `${layer.annotations.length} annotations and ${layer.relations.length} links into ${plan.article.id} (${layer.annotator})`,
      );
  }
  if (tallies.size > 0) report.layers = [...tallies.values()];
  if (droppedSpans + droppedLinks > 0)
    report.imported.push(
      `left out as the label map asks: ${droppedSpans} ${droppedSpans === 1 ? 'span' : 'spans'} and ${droppedLinks} ${droppedLinks === 1 ? 'link' : 'links'} touching them`,
    );
  if (kept > 0)
    report.imported.push(`${kept} annotations already in your own layer kept as they are: an import only adds to them`);
  report.imported.push(...notes);
  report.skipped.push(...leftOut);
}
