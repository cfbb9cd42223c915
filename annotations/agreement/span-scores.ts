import type { PiecedSpan } from './span-pieces';
import { samePieces, sharedLength } from './span-pieces';

/**
 * A span of text with its kind; offsets are UTF-16 code units, `end`
 * exclusive. A discontinuous span gives its `fragments`, and every measure
 * uses those pieces, not the envelope [start, end).
 */
export interface LabelledSpan extends PiecedSpan {
  label: string;
}

/** Counts and scores of a candidate against a reference; a score is null where it is 0/0. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** strict: same pieces (start and end of each) and label. lenient: same label and at least one shared character. */
export type MatchMode = 'strict' | 'lenient';

/** Scores over all labels and for each label that occurs on either side. */
export interface SpanScores {
  overall: Prf;
  perLabel: Record<string, Prf>;
}

/**
 * Precision tp/(tp+fp) and recall tp/(tp+fn), null when 0/0. F1 is the Dice
 * form 2·tp/(2·tp+fp+fn): equal to 2PR/(P+R) wherever that is defined, 0
 * when P+R = 0 or when one side is empty and the other is not, null only when
 * both sides are empty. It is symmetric: swapping the sides swaps fp and fn.
 */
export function prf(tp: number, fp: number, fn: number): Prf {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    f1: tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn),
  };
}

/** Characters two spans share, piece by piece; 0 when they only touch or one lies in the other's gap. */
export function overlapLength(a: LabelledSpan, b: LabelledSpan): number {
  return sharedLength(a, b);
}

function matches(a: LabelledSpan, b: LabelledSpan, mode: MatchMode): boolean {
  if (a.label !== b.label) return false;
  return mode === 'strict' ? samePieces(a, b) : overlapLength(a, b) > 0;
}

/**
 * One-to-one matching as [referenceIndex, candidateIndex] pairs, in reference
 * order. Every admissible pair is ranked by shared characters (most first),
 * then by the reference span's start, then the candidate's start, then the
 * indices, and taken greedily while both of its spans are still free.
 */
export function matchSpans(
  reference: readonly LabelledSpan[],
  candidate: readonly LabelledSpan[],
  mode: MatchMode,
): [number, number][] {
  const options: { r: number; c: number; shared: number }[] = [];
  reference.forEach((a, r) => {
    candidate.forEach((b, c) => {
      if (matches(a, b, mode)) options.push({ r, c, shared: overlapLength(a, b) });
    });
  });
  options.sort(
    (x, y) =>
      y.shared - x.shared ||
      reference[x.r]!.start - reference[y.r]!.start ||
      candidate[x.c]!.start - candidate[y.c]!.start ||
      x.r - y.r ||
      x.c - y.c,
  );
  const usedR = new Set<number>();
  const usedC = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { r, c } of options) {
    if (usedR.has(r) || usedC.has(c)) continue;
    usedR.add(r);
    usedC.add(c);
    pairs.push([r, c]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** Raw counts per label (every label on either side), for pooling before scoring. */
export function spanCounts(
  reference: readonly LabelledSpan[],
  candidate: readonly LabelledSpan[],
  mode: MatchMode,
): Record<string, { tp: number; fp: number; fn: number }> {
  const counts: Record<string, { tp: number; fp: number; fn: number }> = {};
  const at = (label: string) => (counts[label] ??= { tp: 0, fp: 0, fn: 0 });
  for (const s of reference) at(s.label).fn++;
  for (const s of candidate) at(s.label).fp++;
  for (const [r] of matchSpans(reference, candidate, mode)) {
    const c = at(reference[r]!.label);
    c.tp++;
    c.fn--;
    c.fp--;
  }
  return counts;
}

/** Turns per-label counts into scores; `overall` sums the counts of every label given. */
export function scoresFromCounts(counts: Record<string, { tp: number; fp: number; fn: number }>): SpanScores {
  const perLabel: Record<string, Prf> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [label, c] of Object.entries(counts)) {
    perLabel[label] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { overall: prf(tp, fp, fn), perLabel };
}

/** reference = annotator A, candidate = annotator B; see `matchSpans` for the matching. */
export function spanScores(
  reference: readonly LabelledSpan[],
  candidate: readonly LabelledSpan[],
  mode: MatchMode,
): SpanScores {
  return scoresFromCounts(spanCounts(reference, candidate, mode));
}
