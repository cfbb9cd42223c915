import type { Change } from '../changes';
import type { Annotation, ArticleLayer, Decision, DecisionAction, Relation, SourceRef } from '../model';
import { GOLD } from '../model';
import type { ProjectData } from '../repository';
import { checkAnnotation, checkRelation } from '../record-checks';
import type { ComparedGroup } from '../review/compare';
import type { ServiceContext } from './context';
import { withoutId } from './context';

export const refOf = (a: Annotation): SourceRef => ({ annotator: a.annotator, id: a.id });
const refKey = (r: SourceRef) => `${r.annotator}:${r.id}`;

/** An annotation as a gold copy starts from: everything but whose it is. */
export const copyOf = ({ id: _id, annotator: _annotator, provenance: _provenance, ...rest }: Annotation) => rest;

/** What a decision puts into gold: copies of annotations, each naming the annotations it came from. */
export type GoldPick = { annotation: ReturnType<typeof copyOf>; sources: SourceRef[] };

/** An agreement's pick: the group's one version, from every layer. */
export const agreedPick = (g: ComparedGroup): GoldPick[] => [
  { annotation: copyOf(g.items[0]!), sources: g.items.map(refOf) },
];

/**
 * Builds the gold layer's records for decisions: copies of the chosen
 * annotations with their provenance, and the links among them that the
 * source layers had (to entities, or to annotations already in gold).
 */
function goldRecords(
  ctx: ServiceContext,
  layer: ArticleLayer,
  picks: readonly GoldPick[],
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
 * Decisions on one article, applied one after another to its layer: each
 * records its changes (for undo) and keeps the layer current for the next.
 */
export interface Adjudication {
  layer: ArticleLayer;
  changes: Change[];
  decide(g: ComparedGroup, action: DecisionAction, picks: readonly GoldPick[]): Decision;
  /** Takes every group whose layers agree, and that has no decision yet, into gold as agreed. */
  takeAgreements(except?: ComparedGroup): Decision[];
}

export function adjudicate(
  ctx: ServiceContext,
  articleId: string,
  text: string,
  start: ArticleLayer,
  groups: readonly ComparedGroup[],
  { tagset, entities, events }: Pick<ProjectData, 'tagset' | 'entities' | 'events'>,
  stamp: string,
): Adjudication {
  const changes: Change[] = [];
  const live = new Set(groups.map((x) => x.key));
  const work: Adjudication = {
    layer: start,
    changes,
    decide(g, action, picks) {
      let layer = work.layer;
      const before = (layer.decisions ?? []).find((d) => d.key === g.key) ?? null;
      // A decision whose group changed since (a colleague's newer layer) and that drew on the same
      // annotations is replaced too, so gold never holds two results for one stretch of text.
      const sources = new Set(g.items.map((a) => `${a.annotator}:${a.id}`));
      const stale = (layer.decisions ?? []).filter(
        (d) => d.key !== g.key && !live.has(d.key) && d.sources.some((s) => sources.has(refKey(s))),
      );
      for (const d of stale) {
        changes.push({ type: 'decision', articleId, before: d, after: null });
        layer = { ...layer, decisions: (layer.decisions ?? []).filter((x) => x.key !== d.key) };
      }
      for (const earlier of [...stale, ...(before ? [before] : [])]) {
        // Deciding again replaces what the earlier decision put into gold.
        for (const id of earlier.goldIds) {
          const old = layer.annotations.find((a) => a.id === id);
          if (!old) continue;
          for (const r of layer.relations.filter((r) => r.from === id || r.to.id === id)) {
            changes.push({ type: 'relation', articleId, before: r, after: null });
            layer = { ...layer, relations: withoutId(layer.relations, r.id) };
          }
          changes.push({ type: 'annotation', articleId, before: old, after: null });
          layer = { ...layer, annotations: withoutId(layer.annotations, id) };
        }
      }
      const records = goldRecords(ctx, layer, picks, action, stamp);
      for (const a of records.annotations) {
        checkAnnotation(tagset, text, a, entities, events);
        changes.push({ type: 'annotation', articleId, before: null, after: a });
      }
      layer = { ...layer, annotations: [...layer.annotations, ...records.annotations] };
      for (const r of records.relations) {
        checkRelation(tagset, layer, r, entities);
        changes.push({ type: 'relation', articleId, before: null, after: r });
      }
      const after: Decision = {
        key: g.key,
        action,
        sources: g.items.map(refOf),
        goldIds: records.annotations.map((a) => a.id),
        decidedBy: ctx.annotator,
        decidedAt: stamp,
      };
      changes.push({ type: 'decision', articleId, before, after });
      work.layer = {
        ...layer,
        relations: [...layer.relations, ...records.relations],
        decisions: [...(layer.decisions ?? []).filter((d) => d.key !== g.key), after],
      };
      return after;
    },
    takeAgreements(except) {
      const decided = new Set((work.layer.decisions ?? []).map((d) => d.key));
      return groups
        .filter((g) => g.differences.length === 0 && g !== except && !decided.has(g.key))
        .map((g) => work.decide(g, 'agreed', agreedPick(g)));
    },
  };
  return work;
}
