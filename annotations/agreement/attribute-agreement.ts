import type { Coefficient, PairCoefficient } from './coefficients';
import { krippendorffAlphaNominalDetail, pairwiseKappa } from './coefficients';
import { piecesKey } from './span-pieces';
import type { LabelledSpan } from './span-scores';
import type { Patterns } from './patterns';
import { attributeKey, patternsOf, rowsOf } from './patterns';

/** Per annotator, one value per unit: null (missing) when the annotator lacks the span or left the value unset. */
export type AttributeUnits = (string | null)[][];

/** Agreement on one attribute over spans that at least two annotators marked identically. */
export interface AttributeAgreement {
  label: string;
  name: string;
  /** Distinct spans (same pieces, same label) at least two annotators have exactly. */
  units: number;
  /** Unordered pairs of annotators with a value on the same unit, and how many of them agree. */
  pairs: number;
  agreeing: number;
  /** agreeing / pairs; null when there is no pair. */
  observed: number | null;
  cohen: PairCoefficient[];
  krippendorff: Coefficient;
}

/**
 * The attribute's value as a category (JSON text), or null when it is
 * **unset**: absent, undefined, null, or empty text. Unset is a missing
 * value, never a category of its own: nobody judged it, so it can neither
 * agree nor disagree with a value someone chose.
 */
export function attributeValue(value: unknown): string | null {
  return value === undefined || value === null || value === '' ? null : JSON.stringify(value);
}

/**
 * The units of one attribute in one article: every distinct span of `label`
 * that at least two layers have with the same pieces (start and end; every
 * fragment of a discontinuous span), a layer's first copy counting, ordered
 * by start and end. `layers` is per annotator, null when missing.
 */
export function attributeUnits(
  layers: readonly (readonly (LabelledSpan & { attributes: Record<string, unknown> })[] | null)[],
  label: string,
  name: string,
): AttributeUnits {
  const found = new Map<string, { start: number; end: number; key: string; values: Map<number, string | null> }>();
  layers.forEach((spans, k) => {
    for (const s of spans ?? []) {
      if (s.label !== label) continue;
      const key = piecesKey(s);
      const unit = found.get(key) ?? { start: s.start, end: s.end, key, values: new Map<number, string | null>() };
      found.set(key, unit);
      if (!unit.values.has(k)) unit.values.set(k, attributeValue(s.attributes[name]));
    }
  });
  const units = [...found.values()]
    .filter((u) => u.values.size >= 2)
    .sort((x, y) => x.start - y.start || x.end - y.end || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return layers.map((_, k) => units.map((u) => u.values.get(k) ?? null));
}

/** Pools the units of several articles (`parts`, each per annotator) and measures them. */
export function attributeAgreement(
  names: readonly string[],
  label: string,
  name: string,
  parts: readonly AttributeUnits[],
): AttributeAgreement {
  const columns = names.map((_, k) => parts.flatMap((p) => p[k] ?? []));
  return attributeAgreementFromPatterns(names, label, name, patternsOf(rowsOf(columns), attributeKey));
}

/** Measures the units of an attribute given as patterns (see patterns.ts): what articles pool. */
export function attributeAgreementFromPatterns(
  names: readonly string[],
  label: string,
  name: string,
  patterns: Patterns,
): AttributeAgreement {
  let units = 0;
  let pairs = 0;
  let agreeing = 0;
  for (const [, row, count] of patterns) {
    units += count;
    const values = row.filter((v): v is string => v !== null && v !== undefined);
    values.forEach((v, i) => {
      for (const w of values.slice(i + 1)) {
        pairs += count;
        if (v === w) agreeing += count;
      }
    });
  }
  const rows = patterns.map((p) => p[1]);
  const weights = patterns.map((p) => p[2]);
  const columns = names.map((_, k) => rows.map((row) => row[k] ?? null));
  return {
    label,
    name,
    units,
    pairs,
    agreeing,
    observed: pairs === 0 ? null : agreeing / pairs,
    cohen: pairwiseKappa(names, columns, weights),
    krippendorff: krippendorffAlphaNominalDetail(columns, weights),
  };
}
