import { articleFromText } from '../article-text';
import type { Annotation, Article, Entity, Relation } from '../model';
import { GOLD } from '../model';
import type { ParsedDocument, ParsedRelation, ParsedSpan, ParseOutcome } from '../formats/interchange-parse';
import { shown } from '../formats/interchange-parse';
import type { LabelStudioConfig } from '../formats/label-studio-config';
import { checkAnnotation, checkRelation } from '../record-checks';
import type { ServiceContext } from '../service/context';
import { joinPieces } from '../spans';
import type { Tagset } from '../tagset';
import { findKind } from '../tagset';
import type { FileReport } from './article-import';
import { introducedProblems, refusalReasons } from './import-checks';
import { articleIdFrom, createIdSet, sourceWithId } from './import-ids';
import type { LayerTally } from './import-report';
import { countNewRecords } from './import-report';
import type { ImportOptions } from './import-transaction';
import { Refused } from './import-transaction';
import type { ImportedLayer } from './interchange-layers';
import { createRecordIds, mergeImported } from './interchange-layers';
import type { LinkUse, SpanUse } from './interchange-tagset';
import { tagsetAdditions } from './interchange-tagset';
import { valuesFromFile } from './interchange-values';
import { createLabelResolver, growTagset } from './label-mapping';

/** A file of another tool, read: what the import needs of it. */
export interface InterchangeFile {
  /** Part of each imported record's id, so formats never name each other's records. */
  format: 'ls' | 'dc' | 'wa';
  outcome: ParseOutcome;
  /** The Label Studio labelling config given with the tasks: colours and controls for new kinds. */
  config?: LabelStudioConfig | null;
}

interface Plan {
  article: Article;
  isNew: boolean;
  layers: Map<string, ImportedLayer & { ids: (localId: string) => string }>;
}

/** Offsets in a text as written, moved to the text with its line endings made "\n" (as every article's are). */
function lineEndingShift(raw: string): (offset: number) => number {
  if (!raw.includes('\r')) return (offset) => offset;
  const removed = new Uint32Array(raw.length + 1);
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    removed[i] = count;
    if (raw[i] === '\r' && raw[i + 1] === '\n') count++;
  }
  removed[raw.length] = count;
  return (offset) => offset - removed[offset]!;
}

/** An entity an IRI names: Factmark's own (`urn:factmark:entity:ID`) or a Wikidata item an entity has as its id. */
function entityNamed(iri: string, entities: readonly Entity[]): Entity | undefined {
  const own = /^urn:factmark:entity:(.+)$/.exec(iri)?.[1];
  if (own) return entities.find((e) => e.id === decodeURIComponent(own));
  const qid = /^https?:\/\/www\.wikidata\.org\/(?:entity|wiki)\/(Q\d+)$/.exec(iri)?.[1];
  return qid ? entities.find((e) => e.externalId === qid) : undefined;
}

/** Why a piece of a span cannot be read against the text as written, or null. */
function pieceProblem(text: string, start: number, end: number, quote: string | null): string | null {
  if (end <= start) return 'is empty or reversed: its end must be after its start';
  if (end > text.length) return `is outside the text, which is ${text.length} UTF-16 code units long`;
  for (const at of [start, end])
    if (/[\uD800-\uDBFF]/.test(text.charAt(at - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(at)))
      return `cuts a character in two (offset ${at} falls inside a surrogate pair, such as an emoji)`;
  const actual = text.slice(start, end);
  return quote !== null && quote !== actual
    ? `the file quotes ${shown(quote)}, but the text there is ${shown(actual)}`
    : null;
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

  const tagset = grown(project.tagset, documents, kindOf, typeOf, file.config ?? null, options, report);
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
  const ownLayer = (annotator: string) => annotator === ctx.annotator || annotator === GOLD;
  for (const plan of plans.values()) {
    const before = plan.isNew
      ? { annotations: [], relations: [], documentLabels: [] }
      : await ctx.repo.readLayer(plan.article.id);
    const result = mergeImported(before, [...plan.layers.values()], ownLayer);
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
    report.imported.push(
      `${kept} annotations already in your own (or the gold) layer kept as they are: an import only adds to them`,
    );
  report.imported.push(...notes);
  report.skipped.push(...leftOut);
}

/** The tagset the file needs: as it is, or grown by what the file uses when the user lets it grow. */
function grown(
  tagset: Tagset,
  documents: readonly ParsedDocument[],
  kindOf: ReadonlyMap<ParsedSpan, string | null | undefined>,
  typeOf: ReadonlyMap<ParsedRelation, string | null | undefined>,
  config: LabelStudioConfig | null,
  options: ImportOptions,
  report: FileReport,
): Tagset {
  if (!options.labels.extendTagset) return tagset;
  const spans: SpanUse[] = [];
  const links: LinkUse[] = [];
  for (const doc of documents) {
    for (const span of doc.spans) {
      const kind = kindOf.get(span);
      if (kind) spans.push({ label: span.label, kind, attributes: span.attributes });
    }
    for (const r of doc.relations) {
      const type = typeOf.get(r);
      const from = kindOf.get(doc.spans.find((s) => s.localId === r.from)!);
      const to =
        'span' in r.to ? kindOf.get(doc.spans.find((s) => s.localId === (r.to as { span: string }).span)!) : 'entity';
      if (type && from && to) links.push({ type, from, to });
    }
  }
  const additions = tagsetAdditions(tagset, report.labels ?? [], spans, links, config);
  if (additions.added.length === 0) return tagset;
  try {
    const next = growTagset(tagset, additions);
    report.tagsetAdded = additions.added;
    return next;
  } catch (error) {
    throw new Refused([`the tagset cannot take the file's labels: ${(error as Error).message}`]);
  }
}

/** A span of the file as an annotation of the layer, or the reason it cannot be one. */
function annotationOf(
  span: ParsedSpan,
  kind: string,
  doc: ParsedDocument,
  article: Article,
  layer: { annotator: string; ids: (localId: string) => string },
  at: { tagset: Tagset; entities: readonly Entity[]; shift: (offset: number) => number; stamp: string },
): { record: Annotation; left?: string } | string {
  for (const [i, piece] of span.pieces.entries()) {
    const problem = pieceProblem(doc.text, piece.start, piece.end, span.quotes[i] ?? null);
    if (problem) return `${span.where}: ${problem}`;
  }
  const joined = joinPieces(
    article.text,
    span.pieces.map((p) => ({ start: at.shift(p.start), end: at.shift(p.end) })),
  );
  const def = findKind(at.tagset, kind)!;
  const values = valuesFromFile(def.attributes, span.attributes, span.texts, `a ${kind}`);
  let entityId: string | null = null;
  let left: string | undefined;
  if (span.entityIri) {
    const entity = entityNamed(span.entityIri, at.entities);
    if (entity && def.linksEntity) entityId = entity.id;
    else
      left = `${span.where}: names ${span.entityIri}, ${entity ? `but a ${kind} does not link to entities` : 'which is no entity of the registry'}: the link is left out`;
  }
  const record: Annotation = {
    id: layer.ids(span.localId),
    articleId: article.id,
    annotator: layer.annotator,
    kind,
    start: joined.start,
    end: joined.end,
    ...(joined.fragments ? { fragments: joined.fragments } : {}),
    quote: article.text.slice(joined.start, joined.end),
    attributes: values.attributes,
    note: [span.note, ...values.note].filter(Boolean).join('\n'),
    entityId,
    eventId: null,
    createdAt: at.stamp,
    updatedAt: at.stamp,
  };
  return left ? { record, left } : { record };
}
