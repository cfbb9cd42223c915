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
 * Observed and expected disagreement of uα for one label (Krippendorff 1995;
 * 2004, Content Analysis 2nd ed. §12.4):
 *
 *   Do = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(g_i, h_j) / (m(m−1)L²)
 *   De = (2/L) Σ_units [ (N−1)(2l³−3l²+l)/3 + l²·Σ_{gaps ≥ l} (gap − l + 1) ]
 *        / ( mL(mL−1) − Σ_units l(l−1) )
 *
 * where m is the number of coders, L the length, l a unit's length, N the
 * number of units of all coders, and the inner sum runs over the gaps of all
 * coders.
 */
export function unitizingDisagreement(
  length: number,
  coders: readonly (readonly Segment[])[],
): { observed: number; expected: number } {
  const m = coders.length;
  const all = coders.map((segments) => sections(length, segments));
  let observed = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) observed += 2 * pairDisagreement(all[i]!, all[j]!);
  }
  observed /= m * (m - 1) * length * length;
  const units = all.flat().filter((s) => s.unit);
  const gaps = all
    .flat()
    .filter((s) => !s.unit)
    .map((s) => s.length)
    .sort((x, y) => x - y);
  // longer[k] = Σ of gaps[k..]: the gaps a unit of length ≤ gaps[k] fits into, summed.
  const longer = new Array<number>(gaps.length + 1).fill(0);
  for (let k = gaps.length - 1; k >= 0; k--) longer[k] = longer[k + 1]! + gaps[k]!;
  let numerator = 0;
  let pairs = m * length * (m * length - 1);
  for (const { length: l } of units) {
    pairs -= l * (l - 1);
    let k = 0;
    let hi = gaps.length;
    while (k < hi) {
      const mid = (k + hi) >> 1;
      if (gaps[mid]! < l) k = mid + 1;
      else hi = mid;
    }
    const fits = longer[k]! - (gaps.length - k) * (l - 1);
    numerator += ((units.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l ** 2 * fits;
  }
  return { observed, expected: ((2 / length) * numerator) / pairs };
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
  const { observed, expected } = unitizingDisagreement(length, coders);
  return expected === 0 ? null : 1 - observed / expected;
}
