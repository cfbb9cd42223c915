import { tokenize } from '../formats/conll-iob2-format';
import { spanPieces } from '../spans';
import type { AttributeUnits } from './attribute-agreement';
import { attributeUnits } from './attribute-agreement';
import { fleissKappaDetail, indexPairs, krippendorffAlphaNominalDetail, pairwiseKappa } from './coefficients';
import type { AgreementInput, AgreementSpan, PairSpanAgreement, TokenAgreement, UnitizingAgreement } from './report';
import { scoresFromCounts, spanCounts } from './span-scores';
import type { TokenCategory } from './token-labels';
import { categoriesOf } from './token-labels';
import type { Segment } from './unitizing-alpha';
import { unitizingAlpha } from './unitizing-alpha';

/** One article, prepared for pooling. */
export interface Part {
  length: number;
  /** Per annotator: spans of the measured labels, or null when missing. */
  layers: (AgreementSpan[] | null)[];
  /** Per label, per annotator: one value per token (null when missing). */
  tokens: Record<string, (TokenCategory | null)[][]>;
  attributes: AttributeUnits[];
}

type Counts = Record<string, { tp: number; fp: number; fn: number }>;

export function prepare(input: AgreementInput, article: AgreementInput['articles'][number]): Part {
  const layers = input.annotators.map(
    (name) => article.layers[name]?.spans.filter((s) => input.labels.includes(s.label)) ?? null,
  );
  const words = tokenize(article.text);
  const tokens = Object.fromEntries(
    input.labels.map((label) => [
      label,
      layers.map((spans) => (spans ? categoriesOf(words, spans, label) : words.map(() => null))),
    ]),
  );
  const attributes = input.attributes.map((a) =>
    attributeUnits(
      input.annotators.map((name) => article.layers[name]?.spans ?? null),
      a.label,
      a.name,
    ),
  );
  return { length: article.text.length, layers, tokens, attributes };
}

export function spanFigures(input: AgreementInput, parts: readonly Part[]): PairSpanAgreement[] {
  return indexPairs(input.annotators).map(([i, j]) => {
    const pooled = { strict: {} as Counts, lenient: {} as Counts };
    for (const mode of ['strict', 'lenient'] as const) {
      for (const label of input.labels) pooled[mode][label] = { tp: 0, fp: 0, fn: 0 };
    }
    let articles = 0;
    for (const { layers } of parts) {
      const a = layers[i];
      const b = layers[j];
      if (!a || !b) continue;
      articles++;
      for (const mode of ['strict', 'lenient'] as const) {
        for (const [label, c] of Object.entries(spanCounts(a, b, mode))) {
          const into = pooled[mode][label]!;
          into.tp += c.tp;
          into.fp += c.fp;
          into.fn += c.fn;
        }
      }
    }
    const [a, b] = [input.annotators[i]!, input.annotators[j]!];
    return { a, b, articles, strict: scoresFromCounts(pooled.strict), lenient: scoresFromCounts(pooled.lenient) };
  });
}

export function tokenFigures(names: readonly string[], data: (TokenCategory | null)[][]): TokenAgreement {
  // Token units take a handful of distinct patterns (in, out or missing per annotator): measure each pattern once,
  // weighted by how many tokens have it. The figures are the same; a long corpus costs one pass over its tokens.
  const units = data[0]?.length ?? 0;
  const patterns = new Map<string, { row: (TokenCategory | null)[]; count: number }>();
  for (let t = 0; t < units; t++) {
    const row = data.map((column) => column[t] ?? null);
    const key = row.join('|');
    const seen = patterns.get(key);
    if (seen) seen.count++;
    else patterns.set(key, { row, count: 1 });
  }
  const rows = [...patterns.values()].map((p) => p.row);
  const weights = [...patterns.values()].map((p) => p.count);
  const columns = data.map((_, k) => rows.map((row) => row[k]!));
  return {
    cohen: pairwiseKappa(names, columns, weights),
    fleiss: names.length < 2 ? { value: null, units: 0 } : fleissKappaDetail(rows, weights),
    krippendorff: krippendorffAlphaNominalDetail(columns, weights),
  };
}

/**
 * Article scope: the annotators with a layer. Corpus scope: all annotators,
 * over the articles where all have one. Each fragment of a discontinuous span
 * is a unit of the span's label; its gaps are not.
 */
export function unitizingFigures(
  parts: readonly Part[],
  label: string,
  scope: 'article' | 'corpus',
): UnitizingAgreement {
  const used = scope === 'corpus' ? parts.filter((p) => p.layers.every((l) => l !== null)) : parts;
  const who = (used[0]?.layers ?? []).flatMap((_, i) => (used.every((p) => p.layers[i]) ? [i] : []));
  const coders = who.map((): Segment[] => []);
  let offset = 0;
  for (const part of used) {
    who.forEach((i, c) => {
      for (const s of part.layers[i]!) {
        if (s.label !== label) continue;
        for (const p of spanPieces(s))
          coders[c]!.push({ start: offset + p.start, end: offset + Math.min(part.length, p.end) });
      }
    });
    offset += part.length;
  }
  return { value: unitizingAlpha(offset, coders), coders: who.length, articles: used.length, length: offset };
}
