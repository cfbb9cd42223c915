import type { ArticleLayer } from '../model';
import { GOLD } from '../model';

/** How far each annotator has got: articles marked done, articles with any of their annotations. */
export interface AnnotatorProgress {
  annotator: string;
  done: number;
  annotated: number;
  total: number;
}

/** Annotations per annotator and kind. */
export type LabelDistribution = Record<string, Record<string, number>>;

/** Counts over the articles' layers: every annotator's label distribution and progress (gold included). */
export function corpusFigures(
  layers: readonly ArticleLayer[],
  annotators?: readonly string[],
): { annotators: string[]; distribution: LabelDistribution; progress: AnnotatorProgress[] } {
  const names = new Set<string>();
  for (const layer of layers) {
    for (const a of layer.annotations) names.add(a.annotator);
    for (const d of layer.documentLabels) if (d.done) names.add(d.annotator);
  }
  const chosen = (
    annotators ?? [...names].sort((a, b) => Number(a === GOLD) - Number(b === GOLD) || a.localeCompare(b))
  ).slice();
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
