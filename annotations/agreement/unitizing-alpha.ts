/** A stretch [start, end) of the continuum; offsets are UTF-16 code units. */
export interface Segment {
  start: number;
  end: number;
}

/** One coder's section of the continuum: a unit of the label or a gap between units. */
interface Section {
  start: number;
  length: number;
  unit: boolean;
}

/**
 * Clips a coder's segments to [0, length), drops empty ones and merges those
 * that share a character. Segments that only touch stay two units, as in
 * Krippendorff's own examples.
 */
export function normaliseSegments(length: number, segments: readonly Segment[]): Segment[] {
  const clipped = segments
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Segment[] = [];
  for (const s of clipped) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

function sections(length: number, segments: readonly Segment[]): Section[] {
  const out: Section[] = [];
  let at = 0;
  for (const s of normaliseSegments(length, segments)) {
    if (s.start > at) out.push({ start: at, length: s.start - at, unit: false });
    out.push({ start: s.start, length: s.end - s.start, unit: true });
    at = s.end;
  }
  if (at < length) out.push({ start: at, length: length - at, unit: false });
  return out;
}

/**
 * Krippendorff's δ² between section g of one coder and section h of another:
 * two overlapping units differ by the squares of their start and end
 * differences; a unit lying wholly inside the other's gap counts its length
 * squared; everything else is 0.
 */
function sectionDistance(g: Section, h: Section): number {
  const startDiff = g.start - h.start;
  const endDiff = g.start + g.length - (h.start + h.length);
  if (g.unit && h.unit) return -g.length < startDiff && startDiff < h.length ? startDiff ** 2 + endDiff ** 2 : 0;
  if (g.unit && !h.unit) return startDiff >= 0 && endDiff <= 0 ? g.length ** 2 : 0;
  if (!g.unit && h.unit) return startDiff <= 0 && endDiff >= 0 ? h.length ** 2 : 0;
  return 0;
}

/**
 * Σ_g Σ_h δ²(g, h) over two coders' sections. δ² is 0 unless g and h share a
 * character, and both lists tile the continuum in order, so one walk along
 * both visits every pair that can count.
 */
function pairDisagreement(a: readonly Section[], b: readonly Section[]): number {
  let sum = 0;
  let p = 0;
  let q = 0;
  while (p < a.length && q < b.length) {
    const g = a[p]!;
    const h = b[q]!;
    sum += sectionDistance(g, h);
    const endG = g.start + g.length;
    const endH = h.start + h.length;
    if (endG <= endH) p++;
    if (endH <= endG) q++;
  }
  return sum;
}

/**
 * What uα needs of one stretch of the continuum (an article), for the
 * coders given: stretches laid end to end combine (`joinStretches`) into the
 * same figures as the continuum measured whole.
 */
export interface UnitizingSums {
  length: number;
  /** Σ over ordered pairs of coders of Σ_g Σ_h δ²(g, h): a unit never leaves its stretch, so this adds up. */
  disagreement: number;
  /** Every coder's unit lengths, as [length, how many]. */
  units: [number, number][];
  /** Gaps between two units of one coder, as [length, how many]. */
  gaps: [number, number][];
  /**
   * Per coder, the gaps at the stretch's two ends (a coder without a unit
   * has one gap, `head`, the whole stretch): they join the gaps at the ends
   * of the neighbouring stretches into one.
   */
  ends: { head: number; tail: number; hasUnits: boolean }[];
}

function countInto(counts: Map<number, number>, length: number, times = 1): void {
  counts.set(length, (counts.get(length) ?? 0) + times);
}

/** The sums of one stretch [0, length) coded by `coders` (each coder's segments clipped and merged first). */
export function unitizingSums(length: number, coders: readonly (readonly Segment[])[]): UnitizingSums {
  const all = coders.map((segments) => sections(length, segments));
  let disagreement = 0;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) disagreement += 2 * pairDisagreement(all[i]!, all[j]!);
  }
  const units = new Map<number, number>();
  const gaps = new Map<number, number>();
  const ends = all.map((list) => {
    const first = list.findIndex((s) => s.unit);
    if (first < 0) return { head: length, tail: 0, hasUnits: false };
    let last = list.length - 1;
    while (!list[last]!.unit) last--;
    list.forEach((s, k) => {
      if (s.unit) countInto(units, s.length);
      else if (k > first && k < last) countInto(gaps, s.length);
    });
    return { head: list[first]!.start, tail: length - (list[last]!.start + list[last]!.length), hasUnits: true };
  });
  return { length, disagreement, units: [...units], gaps: [...gaps], ends };
}

/** Stretches laid end to end, in order, as one: the continuum's totals. Every stretch has the same coders. */
export interface UnitizingTotals {
  coders: number;
  length: number;
  disagreement: number;
  units: Map<number, number>;
  gaps: Map<number, number>;
}

export function joinStretches(coders: number, stretches: Iterable<UnitizingSums>): UnitizingTotals {
  const units = new Map<number, number>();
  const gaps = new Map<number, number>();
  // A coder's gap still open at the end of the stretches so far: it goes on into the next stretch.
  const open = new Array<number>(coders).fill(0);
  let length = 0;
  let disagreement = 0;
  for (const s of stretches) {
    length += s.length;
    disagreement += s.disagreement;
    for (const [l, n] of s.units) countInto(units, l, n);
    for (const [l, n] of s.gaps) countInto(gaps, l, n);
    s.ends.forEach((end, c) => {
      if (!end.hasUnits) {
        open[c]! += end.head;
        return;
      }
      if (open[c]! + end.head > 0) countInto(gaps, open[c]! + end.head);
      open[c] = end.tail;
    });
  }
  for (const rest of open) if (rest > 0) countInto(gaps, rest);
  return { coders, length, disagreement, units, gaps };
}

/**
 * Observed and expected disagreement of uα for one label (Krippendorff 1995;
 * 2004, Content Analysis 2nd ed. §12.4):
 *
 *   Do = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(g_i, h_j) / (m(m−1)L²)
 *   De = (2/L) Σ_units [ (N−1)(2l³−3l²+l)/3 + l²·Σ_{gaps ≥ l} (gap − l + 1) ]
 *        / ( mL(mL−1) − Σ_units l(l−1) )
 *
 * where m is the number of coders, L the length, l a unit's length, N the
 * number of units of all coders, and the inner sum runs over the gaps of all
 * coders. Units and gaps enter only through their lengths, so each distinct
 * length is summed once with its count.
 */
export function disagreementOf(totals: UnitizingTotals): { observed: number; expected: number } {
  const { coders: m, length, units } = totals;
  const observed = totals.disagreement / (m * (m - 1) * length * length);
  const gaps = [...totals.gaps].sort((x, y) => x[0] - y[0]);
  // longer[k], wider[k]: the sum and the number of gaps[k..]: the gaps a unit of length ≤ gaps[k] fits into.
  const longer = new Array<number>(gaps.length + 1).fill(0);
  const wider = new Array<number>(gaps.length + 1).fill(0);
  for (let k = gaps.length - 1; k >= 0; k--) {
    longer[k] = longer[k + 1]! + gaps[k]![0] * gaps[k]![1];
    wider[k] = wider[k + 1]! + gaps[k]![1];
  }
  let count = 0;
  for (const n of units.values()) count += n;
  let numerator = 0;
  let pairs = m * length * (m * length - 1);
  for (const [l, n] of units) {
    pairs -= n * l * (l - 1);
    let k = 0;
    let hi = gaps.length;
    while (k < hi) {
      const mid = (k + hi) >> 1;
      if (gaps[mid]![0] < l) k = mid + 1;
      else hi = mid;
    }
    const fits = longer[k]! - wider[k]! * (l - 1);
    numerator += n * (((count - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l ** 2 * fits);
  }
  return { observed, expected: ((2 / length) * numerator) / pairs };
}

/** Observed and expected disagreement of uα on [0, length); see `disagreementOf`. */
export function unitizingDisagreement(
  length: number,
  coders: readonly (readonly Segment[])[],
): { observed: number; expected: number } {
  return disagreementOf(joinStretches(coders.length, [unitizingSums(length, coders)]));
}

/** uα from the continuum's totals: null with fewer than two coders, an empty continuum, or no expected disagreement. */
export function alphaOf(totals: UnitizingTotals): number | null {
  if (totals.coders < 2 || !(totals.length > 0)) return null;
  const { observed, expected } = disagreementOf(totals);
  return expected === 0 ? null : 1 - observed / expected;
}

/**
 * Krippendorff's unitizing alpha for one label on [0, length): 1 − Do/De.
 * Each coder's segments are clipped and merged first (see
 * `normaliseSegments`). Null when there are fewer than two coders, the
 * continuum is empty, or the expected disagreement is 0 (no coder marked a
 * unit, or every section of every coder is a one-character unit).
 */
export function unitizingAlpha(length: number, coders: readonly (readonly Segment[])[]): number | null {
  if (coders.length < 2 || !(length > 0)) return null;
  return alphaOf(joinStretches(coders.length, [unitizingSums(length, coders)]));
}
