import type { Args, Handlers, LeftOut, ReviewProgressRow } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { Annotation, ArticleLayer, Decision, DecisionAction, Relation, SourceRef } from '../model';
import { GOLD } from '../model';
import { checkAnnotation, checkRelation } from '../record-checks';
import { resolveAttributes } from '../attributes';
import type { ComparedGroup } from '../review/compare';
import { adjudicationState, compareLayers, layerNames } from '../review/compare';
import { agreementReport } from '../agreement/report';
import { corpusFigures } from '../review/corpus-figures';
import type { ServiceContext } from './context';
import { eachLayer, mutation, project, withLeftOut, withoutId } from './context';

type ReviewHandlers = Pick<Handlers, 'review/compare' | 'review/decide' | 'review/progress' | 'agreement/report'>;

const refOf = (a: Annotation): SourceRef => ({ annotator: a.annotator, id: a.id });
const refKey = (r: SourceRef) => `${r.annotator}:${r.id}`;

function checkLayers(annotators: readonly string[]): void {
  if (annotators.includes(GOLD))
    throw new FactmarkError('invalid-argument', `"${GOLD}" is the adjudicated layer; compare colleagues' layers`);
  if (new Set(annotators).size !== annotators.length)
    throw new FactmarkError('invalid-argument', 'Each layer may be compared once');
}

/**
 * Builds the gold layer's records for decisions: copies of the chosen
 * annotations with their provenance, and the links among them that the
 * source layers had (to entities, or to annotations already in gold).
 */
function goldRecords(
  ctx: ServiceContext,
  layer: ArticleLayer,
  picks: { annotation: Omit<Annotation, 'id' | 'annotator' | 'provenance'>; sources: SourceRef[] }[],
  action: DecisionAction,
  stamp: string,
): { annotations: Annotation[]; relations: Relation[] } {
  const annotations = picks.map(({ annotation, sources }): Annotation => ({
    ...annotation,
    id: ctx.newId(),
    annotator: GOLD,
    provenance: { action, sources, decidedBy: ctx.annotator, decidedAt: stamp },
    createdAt: stamp,
    updatedAt: stamp,
  }));
  // Every gold annotation, by the source annotations it came from.
  const goldOf = new Map<string, string>();
  for (const a of [...layer.annotations.filter((x) => x.annotator === GOLD), ...annotations])
    for (const source of a.provenance?.sources ?? []) goldOf.set(refKey(source), a.id);
  const fresh = new Set(annotations.map((a) => a.id));
  const relations: Relation[] = [];
  const seen = new Set(
    layer.relations.filter((r) => r.annotator === GOLD).map((r) => `${r.type}|${r.from}|${r.to.kind}:${r.to.id}`),
  );
  for (const r of layer.relations) {
    if (r.annotator === GOLD) continue;
    const from = goldOf.get(`${r.annotator}:${r.from}`);
    const to = r.to.kind === 'entity' ? r.to.id : goldOf.get(`${r.annotator}:${r.to.id}`);
    if (!from || !to || (!fresh.has(from) && !fresh.has(to))) continue;
    const signature = `${r.type}|${from}|${r.to.kind}:${to}`;
    if (seen.has(signature)) continue;
    seen.add(signature);
    relations.push({
      id: ctx.newId(),
      articleId: r.articleId,
      annotator: GOLD,
      type: r.type,
      from,
      to: { ...r.to, id: to },
      createdAt: stamp,
    });
  }
  return { annotations, relations };
}

/**
 * One annotator's spans on an article for the agreement report, or null when
 * they have not annotated it (no annotation, no article label, not marked done).
 */
function layerOf(layer: ArticleLayer, annotator: string) {
  const spans = layer.annotations
    .filter((a) => a.annotator === annotator)
    .map((a) => ({ start: a.start, end: a.end, label: a.kind, attributes: a.attributes }));
  const touched = spans.length > 0 || layer.documentLabels.some((d) => d.annotator === annotator);
  return touched ? { spans } : null;
}

const copyOf = ({ id: _id, annotator: _annotator, provenance: _provenance, ...rest }: Annotation) => rest;

export function reviewHandlers(ctx: ServiceContext): ReviewHandlers {
  async function compare(articleId: string, annotators: readonly string[]) {
    checkLayers(annotators);
    const layer = await ctx.repo.readLayer(articleId);
    return { layer, groups: compareLayers(layer, annotators) };
  }

  /** The picks a decision makes from a group. */
  function picksFor(args: Args<'review/decide'>, group: ComparedGroup, text: string) {
    switch (args.action) {
      case 'reject':
        return [];
      case 'accept-all': {
        // Identical versions (same kind, span and values) become one gold annotation naming each source.
        const picks = new Map<string, { annotation: ReturnType<typeof copyOf>; sources: SourceRef[] }>();
        for (const a of group.items) {
          const same = JSON.stringify([a.kind, a.start, a.end, a.attributes, a.entityId, a.eventId]);
          const pick = picks.get(same);
          if (pick) pick.sources.push(refOf(a));
          else picks.set(same, { annotation: copyOf(a), sources: [refOf(a)] });
        }
        return [...picks.values()];
      }
      case 'accept': {
        const chosen = group.items.find((a) => a.annotator === args.annotator);
        if (!chosen)
          throw new FactmarkError(
            'invalid-argument',
            args.annotator
              ? `${args.annotator} has no annotation in this difference; accept one of ${group.items.map((a) => a.annotator).join(', ')}`
              : 'Say whose annotation to accept',
          );
        return [{ annotation: copyOf(chosen), sources: [refOf(chosen)] }];
      }
      case 'edit': {
        if (!args.edit) throw new FactmarkError('invalid-argument', 'An edit needs the kind, span and attributes');
        const base = group.items[0]!;
        const { tagset } = project(ctx);
        const { kind, start, end } = args.edit;
        const annotation = {
          ...copyOf(base),
          kind,
          start,
          end,
          quote: text.slice(start, end),
          attributes: resolveAttributes(tagset, kind, args.edit.attributes ?? base.attributes),
        };
        return [{ annotation, sources: group.items.map(refOf) }];
      }
    }
  }

  return {
    'review/compare': async ({ articleId, annotators }) => {
      const { layer, groups } = await compare(articleId, annotators);
      const keys = new Set(groups.map((g) => g.key));
      return {
        annotators,
        groups,
        decisions: layer.decisions ?? [],
        /** Decisions whose annotations have changed since: their group is open again. */
        stale: (layer.decisions ?? []).filter((d) => !keys.has(d.key)),
        gold: layer.annotations.filter((a) => a.annotator === GOLD),
        ...adjudicationState(layer, groups),
      };
    },

    'review/decide': async (args) => {
      const article = await ctx.repo.getArticle(args.articleId);
      const { tagset, entities, events } = project(ctx);
      const stamp = ctx.now();
      const changes: Change[] = [];
      let decision: Decision | null = null;
      await ctx.repo.updateLayer(args.articleId, (start) => {
        checkLayers(args.annotators);
        let layer = start;
        const groups = compareLayers(layer, args.annotators);
        const group = groups.find((g) => g.key === args.key);
        if (!group)
          throw new FactmarkError(
            'conflict',
            'That difference is no longer there (a layer changed since it was compared); compare again',
          );
        const decide = (g: ComparedGroup, action: DecisionAction, picks: ReturnType<typeof picksFor>) => {
          const before = (layer.decisions ?? []).find((d) => d.key === g.key) ?? null;
          // A decision whose group changed since (a colleague's newer layer) and that drew on the same
          // annotations is replaced too, so gold never holds two results for one stretch of text.
          const live = new Set(groups.map((x) => x.key));
          const sources = new Set(g.items.map((a) => `${a.annotator}:${a.id}`));
          const stale = (layer.decisions ?? []).filter(
            (d) => d.key !== g.key && !live.has(d.key) && d.sources.some((s) => sources.has(refKey(s))),
          );
          for (const d of stale) {
            changes.push({ type: 'decision', articleId: args.articleId, before: d, after: null });
            layer = { ...layer, decisions: (layer.decisions ?? []).filter((x) => x.key !== d.key) };
          }
          for (const earlier of [...stale, ...(before ? [before] : [])]) {
            // Deciding again replaces what the earlier decision put into gold.
            for (const id of earlier.goldIds) {
              const old = layer.annotations.find((a) => a.id === id);
              if (!old) continue;
              for (const r of layer.relations.filter((r) => r.from === id || r.to.id === id)) {
                changes.push({ type: 'relation', articleId: args.articleId, before: r, after: null });
                layer = { ...layer, relations: withoutId(layer.relations, r.id) };
              }
              changes.push({ type: 'annotation', articleId: args.articleId, before: old, after: null });
              layer = { ...layer, annotations: withoutId(layer.annotations, id) };
            }
          }
          const records = goldRecords(ctx, layer, picks, action, stamp);
          for (const a of records.annotations) {
            checkAnnotation(tagset, article.text, a, entities, events);
            changes.push({ type: 'annotation', articleId: args.articleId, before: null, after: a });
          }
          layer = { ...layer, annotations: [...layer.annotations, ...records.annotations] };
          for (const r of records.relations) {
            checkRelation(tagset, layer, r, entities);
            changes.push({ type: 'relation', articleId: args.articleId, before: null, after: r });
          }
          const after: Decision = {
            key: g.key,
            action,
            sources: g.items.map(refOf),
            goldIds: records.annotations.map((a) => a.id),
            decidedBy: ctx.annotator,
            decidedAt: stamp,
          };
          changes.push({ type: 'decision', articleId: args.articleId, before, after });
          layer = {
            ...layer,
            relations: [...layer.relations, ...records.relations],
            decisions: [...(layer.decisions ?? []).filter((d) => d.key !== g.key), after],
          };
          return after;
        };
        // The first decision on an article also takes every agreement into gold.
        if ((layer.decisions ?? []).length === 0) {
          for (const g of groups)
            if (g.differences.length === 0 && g !== group)
              decide(g, 'agreed', [{ annotation: copyOf(g.items[0]!), sources: g.items.map(refOf) }]);
        }
        const action = group.differences.length === 0 && args.action === 'accept-all' ? 'agreed' : args.action;
        const picks =
          action === 'agreed'
            ? [{ annotation: copyOf(group.items[0]!), sources: group.items.map(refOf) }]
            : picksFor(args, group, article.text);
        decision = decide(group, action, picks);
        return layer;
      });
      const label = {
        reject: 'Reject',
        accept: 'Accept',
        'accept-all': 'Accept all',
        edit: 'Adjudicate',
        agreed: 'Accept',
      };
      return mutation(decision!, `${label[args.action]} in gold`, changes);
    },

    'agreement/report': async ({ annotators, articleIds }) => {
      const leftOut: LeftOut[] = [];
      const articles = [];
      for await (const read of eachLayer(ctx.repo, leftOut, articleIds)) articles.push(read);
      const figures = corpusFigures(articles.map((a) => a.layer));
      // By default every layer with annotations but gold: someone who only marked articles done has nothing to compare.
      const measured =
        annotators ??
        figures.annotators.filter(
          (name) => name !== GOLD && Object.values(figures.distribution[name] ?? {}).some((n) => n > 0),
        );
      const { tagset } = project(ctx);
      const agreement = agreementReport({
        annotators: measured,
        labels: tagset.kinds.map((k) => k.kind),
        attributes: tagset.kinds.flatMap((k) =>
          k.attributes
            .filter((d) => d.type === 'choice' || d.type === 'boolean' || d.type === 'multi-choice')
            .map((d) => ({ label: k.kind, name: d.name })),
        ),
        articles: articles.map(({ article, layer }) => ({
          id: article.id,
          text: article.text,
          layers: Object.fromEntries(measured.map((name) => [name, layerOf(layer, name)])),
        })),
      });
      return withLeftOut({ ...figures, articleCount: articles.length, agreement }, leftOut);
    },

    'review/progress': async ({ annotators }) => {
      const rows = new Map<string, ReviewProgressRow>();
      const leftOut: LeftOut[] = [];
      for await (const { article, layer } of eachLayer(ctx.repo, leftOut)) {
        const names = annotators ?? layerNames(layer, GOLD);
        const groups = names.length >= 2 ? compareLayers(layer, names) : [];
        rows.set(article.id, {
          articleId: article.id,
          title: article.title,
          layers: layerNames(layer, GOLD),
          done: layer.documentLabels.filter((d) => d.done).map((d) => d.annotator),
          ...adjudicationState(layer, groups),
        });
      }
      // A damaged article keeps its row, in its place, saying why it is empty.
      for (const { articleId, title, file, reason } of leftOut)
        rows.set(articleId, {
          articleId,
          title,
          layers: [],
          done: [],
          differences: 0,
          decided: 0,
          adjudicated: false,
          problem: { file, reason },
        });
      return ctx.repo.listArticles().flatMap((a) => rows.get(a.id) ?? []);
    },
  };
}
