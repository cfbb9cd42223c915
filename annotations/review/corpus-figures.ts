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
  /** The articles assigned to them among those counted; absent when none is (unset, not zero). */
  assigned?: number;
  /** Of the articles assigned to them, those they marked done; present with `assigned`. */
  assignedDone?: number;
}

type CorpusFigures = { annotators: string[]; distribution: LabelDistribution; progress: AnnotatorProgress[] };

const layerOrder = (a: string, b: string) => Number(a === GOLD) - Number(b === GOLD) || a.localeCompare(b);

/** Annotations per annotator and kind. */
export type LabelDistribution = Record<string, Record<string, number>>;

/** Counts over the articles' layers: every annotator's label distribution and progress (gold included). */
export function corpusFigures(layers: readonly ArticleLayer[], annotators?: readonly string[]): CorpusFigures {
  const names = new Set<string>();
  for (const layer of layers) {
    for (const a of layer.annotations) names.add(a.annotator);
    for (const d of layer.documentLabels) if (d.done) names.add(d.annotator);
  }
  const chosen = (annotators ?? [...names].sort(layerOrder)).slice();
  const distribution: LabelDistribution = Object.fromEntries(chosen.map((name) => [name, {}]));
  const progress = chosen.map((annotator) => ({ annotator, done: 0, annotated: 0, total: layers.length }));
  for (const layer of layers) {
    chosen.forEach((name, i) => {
      const mine = layer.annotations.filter((a) => a.annotator === name);
      for (const a of mine) distribution[name]![a.kind] = (distribution[name]![a.kind] ?? 0) + 1;
      if (mine.length > 0) progress[i]!.annotated++;
      if (layer.documentLabels.some((d) => d.annotator === name && d.done)) progress[i]!.done++;
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
  articles: readonly { id: string; layer: ArticleLayer }[],
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
    if (layer.documentLabels.some((d) => d.annotator === annotator && d.done)) count.assignedDone++;
  }
  if (counts.size === 0) return figures;
  const newcomers = [...counts.keys()].filter((name) => !figures.annotators.includes(name));
  const annotators = newcomers.length > 0 ? [...figures.annotators, ...newcomers].sort(layerOrder) : figures.annotators;
  const rows = new Map(figures.progress.map((p) => [p.annotator, p]));
  return {
    annotators,
    distribution: { ...figures.distribution, ...Object.fromEntries(newcomers.map((name) => [name, {}])) },
    progress: annotators.map((annotator) => ({
      ...(rows.get(annotator) ?? { annotator, done: 0, annotated: 0, total: articles.length }),
      ...counts.get(annotator),
    })),
  };
}
