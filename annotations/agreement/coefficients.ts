import { FactmarkError } from '../errors';

/** A coefficient and the number of units it rests on; value null where the measure is undefined. */
export interface Coefficient {
  value: number | null;
  units: number;
}

/** A coefficient between two annotators. */
export interface PairCoefficient extends Coefficient {
  a: string;
  b: string;
}

/** Index pairs [i, j], i < j, of every unordered pair of `names`, in order. */
export function indexPairs(names: readonly unknown[]): [number, number][] {
  return names.flatMap((_, i) => names.slice(i + 1).map((__, k): [number, number] => [i, i + 1 + k]));
}

/** Cohen's kappa for every pair of raters; data[rater][unit]. */
export function pairwiseKappa(
  names: readonly string[],
  data: readonly (readonly (string | null)[])[],
  weights?: readonly number[],
): PairCoefficient[] {
  return indexPairs(names).map(([i, j]) => ({
    a: names[i]!,
    b: names[j]!,
    ...cohenKappaDetail(data[i]!, data[j]!, weights),
  }));
}

function tally<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/*
 * Every coefficient here is a sum over units, so a unit may stand for
 * `weights[u]` identical units (default 1): token units of a long corpus are
 * passed as their few distinct patterns with counts, and give the same figures.
 */

/**
 * Cohen's kappa with the number of units kept (both values present). Null
 * when no unit is kept or when the expected agreement is 1 (both raters used
 * one and the same category throughout).
 */
export function cohenKappaDetail(
  a: readonly (string | null)[],
  b: readonly (string | null)[],
  weights?: readonly number[],
): Coefficient {
  if (a.length !== b.length) {
    throw new FactmarkError(
      'invalid-argument',
      `Cohen's kappa needs two equally long lists; got ${a.length} and ${b.length}`,
    );
  }
  let n = 0;
  let agree = 0;
  const countsA = new Map<string, number>();
  const countsB = new Map<string, number>();
  a.forEach((x, i) => {
    const y = b[i];
    if (x === null || y === null || y === undefined) return;
    const w = weights?.[i] ?? 1;
    n += w;
    if (x === y) agree += w;
    countsA.set(x, (countsA.get(x) ?? 0) + w);
    countsB.set(y, (countsB.get(y) ?? 0) + w);
  });
  if (n < 1) return { value: null, units: 0 };
  let chance = 0; // n² · expected agreement
  for (const [category, na] of countsA) chance += na * (countsB.get(category) ?? 0);
  // κ = (po − pe) / (1 − pe) with po = agree/n and pe = chance/n².
  if (chance === n * n) return { value: null, units: n };
  return { value: (n * agree - chance) / (n * n - chance), units: n };
}

/** Cohen (1960) kappa for two raters; units where either value is null are dropped; null when fewer than 1 unit or when expected agreement is 1. */
export function cohenKappa(a: readonly (string | null)[], b: readonly (string | null)[]): number | null {
  return cohenKappaDetail(a, b).value;
}

/**
 * Fleiss' kappa with the number of complete units. Null when no complete unit
 * is left or when the expected agreement is 1 (one category throughout).
 */
export function fleissKappaDetail(
  units: readonly (readonly (string | null)[])[],
  weights?: readonly number[],
): Coefficient {
  const raters = units[0]?.length ?? 0;
  if (units.some((row) => row.length !== raters)) {
    throw new FactmarkError('invalid-argument', "Fleiss' kappa needs the same number of raters for every unit");
  }
  const complete = units.flatMap((row, u) =>
    row.every((v) => v !== null) ? [{ row: row as readonly string[], w: weights?.[u] ?? 1 }] : [],
  );
  const count = complete.reduce((sum, c) => sum + c.w, 0);
  if (count === 0) return { value: null, units: 0 };
  if (raters < 2) throw new FactmarkError('invalid-argument', "Fleiss' kappa needs at least two raters");
  const totals = new Map<string, number>();
  let meanAgreement = 0; // P̄
  for (const { row, w } of complete) {
    let squares = 0;
    for (const [category, k] of tally(row)) {
      squares += k * k;
      totals.set(category, (totals.get(category) ?? 0) + k * w);
    }
    meanAgreement += (w * (squares - raters)) / (raters * (raters - 1));
  }
  meanAgreement /= count;
  let expected = 0; // P̄e = Σ p_j², p_j = share of all ratings in category j
  for (const total of totals.values()) expected += (total / (count * raters)) ** 2;
  if (expected === 1) return { value: null, units: count };
  return { value: (meanAgreement - expected) / (1 - expected), units: count };
}

/** Fleiss (1971) kappa: rows are units, each row lists the category each rater gave (same number of raters per unit, ≥2). Rows containing a null are dropped. */
export function fleissKappa(units: readonly (readonly (string | null)[])[]): number | null {
  return fleissKappaDetail(units).value;
}

/**
 * Krippendorff's nominal alpha with the number of pairable units (≥2 values).
 * Null when no value is pairable or all pairable values are one category
 * (expected disagreement 0).
 */
export function krippendorffAlphaNominalDetail(
  data: readonly (readonly (string | null)[])[],
  weights?: readonly number[],
): Coefficient {
  const unitCount = data[0]?.length ?? 0;
  if (data.some((row) => row.length !== unitCount)) {
    throw new FactmarkError('invalid-argument', "Krippendorff's alpha needs one value (or null) per rater and unit");
  }
  let pairable = 0; // n.. : pairable values
  let units = 0;
  let disagreement = 0; // Σ_u Σ_{c≠k} o_uck = Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)
  const totals = new Map<string, number>(); // n_c
  for (let u = 0; u < unitCount; u++) {
    const values: string[] = [];
    for (const row of data) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(v);
    }
    const m = values.length;
    if (m < 2) continue;
    const w = weights?.[u] ?? 1;
    units += w;
    pairable += m * w;
    let squares = 0;
    for (const [category, k] of tally(values)) {
      squares += k * k;
      totals.set(category, (totals.get(category) ?? 0) + k * w);
    }
    disagreement += (w * (m * m - squares)) / (m - 1);
  }
  let chance = pairable * pairable; // Σ_{c≠k} n_c·n_k = n..² − Σ_c n_c²
  for (const total of totals.values()) chance -= total * total;
  if (chance === 0) return { value: null, units };
  // α = 1 − Do/De, Do = disagreement/n.., De = chance/(n..(n.. − 1)).
  return { value: 1 - ((pairable - 1) * disagreement) / chance, units };
}

/** Krippendorff's alpha, nominal metric, any number of raters, missing values (null) allowed: data[rater][unit]. Units with fewer than 2 values are not pairable and are ignored. */
export function krippendorffAlphaNominal(data: readonly (readonly (string | null)[])[]): number | null {
  return krippendorffAlphaNominalDetail(data).value;
}
