import type { ArticleLayer } from '../model';
import { GOLD } from '../model';
import type { Assignment } from '../project';

/**
 * How far each annotator has got: articles marked done, articles with any of
 * their annotations; and, where the lead assigned them articles, how many of
 * those they marked done.
 */
export interface AnnotatorProgress {
  annotator: string;
  done: number;
  annotated: number;
  total: number;
  /** Spans in their layer over the articles counted. */
  spans: number;
  /** Of those, spans accepted from suggestions (marked `suggestedBy`); the rest were made by hand. */
  fromSuggestions: number;
  /** The articles assigned to them among those counted; absent when none is (unset, not zero). */
  assigned?: number;
  /** Of the articles assigned to them, those they marked done; present with `assigned`. */
  assignedDone?: number;
}

type CorpusFigures = { annotators: string[]; distribution: LabelDistribution; progress: AnnotatorProgress[] };

const layerOrder = (a: string, b: string) => Number(a === GOLD) - Number(b === GOLD) || a.localeCompare(b);

/** Annotations per annotator and kind. */
export type LabelDistribution = Record<string, Record<string, number>>;

/** What the figures need of one annotator's layer on one article. */
export interface AnnotatorSummary {
  /** Annotations per kind, kinds in the order first met. */
  kinds: Record<string, number>;
  annotations: number;
  /** Of those, accepted from suggestions. */
  suggested: number;
  /** Article labels set (done or not). */
  labels: number;
  done: boolean;
}

/** One article's layer as the figures need it: a few counts per annotator, kept per article instead of the layer. */
export type LayerSummary = Record<string, AnnotatorSummary>;

export function summarizeLayer(layer: ArticleLayer): LayerSummary {
  const summary: LayerSummary = {};
  const of = (name: string) => (summary[name] ??= { kinds: {}, annotations: 0, suggested: 0, labels: 0, done: false });
  for (const a of layer.annotations) {
    const s = of(a.annotator);
    s.annotations++;
    if (a.suggestedBy !== undefined) s.suggested++;
    s.kinds[a.kind] = (s.kinds[a.kind] ?? 0) + 1;
  }
  for (const d of layer.documentLabels) {
    const s = of(d.annotator);
    s.labels++;
    if (d.done) s.done = true;
  }
  return summary;
}

/** Counts over the articles' layers: every annotator's label distribution and progress (gold included). */
export function corpusFigures(layers: readonly LayerSummary[], annotators?: readonly string[]): CorpusFigures {
  const names = new Set<string>();
  for (const layer of layers) {
    for (const [name, s] of Object.entries(layer)) if (s.annotations > 0 || s.done) names.add(name);
  }
  const chosen = (annotators ?? [...names].sort(layerOrder)).slice();
  const distribution: LabelDistribution = Object.fromEntries(chosen.map((name) => [name, {}]));
  const progress = chosen.map((annotator): AnnotatorProgress => ({
    annotator,
    done: 0,
    annotated: 0,
    total: layers.length,
    spans: 0,
    fromSuggestions: 0,
  }));
  for (const layer of layers) {
    chosen.forEach((name, i) => {
      const mine = layer[name];
      if (!mine) return;
      for (const [kind, n] of Object.entries(mine.kinds))
        distribution[name]![kind] = (distribution[name]![kind] ?? 0) + n;
      const row = progress[i]!;
      if (mine.annotations > 0) row.annotated++;
      if (mine.done) row.done++;
      row.spans += mine.annotations;
      row.fromSuggestions += mine.suggested;
    });
  }
  return { annotators: chosen, distribution, progress };
}

/**
 * The figures with each annotator's assignment among the articles counted:
 * `assigned` and `assignedDone` for everyone with an article assigned there,
 * and a row (nothing annotated, nothing done) for an annotator assigned
 * articles who has no layer yet. Assignments to other articles are left out.
 */
export function withAssignments(
  figures: CorpusFigures,
  articles: readonly { id: string; layer: LayerSummary }[],
  assignments: readonly Assignment[],
): CorpusFigures {
  const layers = new Map(articles.map((a) => [a.id, a.layer]));
  const counts = new Map<string, { assigned: number; assignedDone: number }>();
  for (const { annotator, articleId } of assignments) {
    const layer = layers.get(articleId);
    if (!layer) continue;
    let count = counts.get(annotator);
    if (!count) counts.set(annotator, (count = { assigned: 0, assignedDone: 0 }));
    count.assigned++;
    if (layer[annotator]?.done) count.assignedDone++;
  }
  if (counts.size === 0) return figures;
  const newcomers = [...counts.keys()].filter((name) => !figures.annotators.includes(name));
  const annotators = newcomers.length > 0 ? [...figures.annotators, ...newcomers].sort(layerOrder) : figures.annotators;
  const rows = new Map(figures.progress.map((p) => [p.annotator, p]));
  return {
    annotators,
    distribution: { ...figures.distribution, ...Object.fromEntries(newcomers.map((name) => [name, {}])) },
    progress: annotators.map((annotator) => ({
      ...(rows.get(annotator) ?? {
        annotator,
        done: 0,
        annotated: 0,
        total: articles.length,
        spans: 0,
        fromSuggestions: 0,
      }),
      ...counts.get(annotator),
    })),
  };
}
