import { tokenize } from '../formats/conll-iob2-format';
import { spanPieces } from '../spans';
import { attributeUnits } from './attribute-agreement';
import { indexPairs } from './coefficients';
import type { AgreementArticle, AgreementConfig, AgreementSpan } from './figure-types';
import { spanCounts } from './span-scores';
import type { TokenCategory } from './token-labels';
import { categoriesOf } from './token-labels';
import type { Segment, UnitizingSums } from './unitizing-alpha';
import { unitizingSums } from './unitizing-alpha';
import type { Patterns } from './patterns';
import { attributeKey, patternsOf, rowsOf, tokenKey } from './patterns';

/** tp, fp and fn per label. */
export type SpanCounts = Record<string, { tp: number; fp: number; fn: number }>;

/**
 * All an article adds to the agreement report, so the corpus figures are
 * combined from these rather than from spans and text: plain data, to cross
 * a worker's message port and sit in a cache.
 */
export interface ArticleStats {
  id: string;
  /** Text length in UTF-16 code units. */
  length: number;
  /** Per annotator: whether they have a layer on the article. */
  present: boolean[];
  /** Per pair of annotators (in `indexPairs` order): strict and lenient counts, null unless both have a layer. */
  spans: ({ strict: SpanCounts; lenient: SpanCounts } | null)[];
  /** Per label: token patterns, 'in' or 'out' per annotator. */
  tokens: Record<string, Patterns>;
  /** Per label: the unitizing sums over the annotators present, in their order. */
  unitizing: Record<string, UnitizingSums>;
  /** Per attribute measured: the patterns of its units. */
  attributes: Patterns[];
}

const TOKEN_VALUES = [null, 'out', 'in'] as const;

/**
 * The patterns of token units, each annotator's value coded as a base-3
 * digit (missing, out, in) so a token costs a few multiplications, not a row
 * and a key: the rows are made only for the few distinct codes, in the order
 * first met. `columns` per annotator, null when missing.
 */
function tokenPatterns(columns: readonly (readonly TokenCategory[] | null)[], units: number): Patterns {
  const counts = new Map<number, number>();
  for (let t = 0; t < units; t++) {
    let code = 0;
    for (let k = columns.length - 1; k >= 0; k--) {
      const v = columns[k]?.[t];
      code = code * 3 + (v === undefined ? 0 : v === 'out' ? 1 : 2);
    }
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => {
    const row = columns.map((_, k) => TOKEN_VALUES[Math.floor(code / 3 ** k) % 3]!);
    return [tokenKey(row), row, count];
  });
}

/** Measures one article for pooling. */
export function articleStats(config: AgreementConfig, article: AgreementArticle): ArticleStats {
  const { annotators, labels } = config;
  const all = annotators.map((name) => article.layers[name]?.spans ?? null);
  const layers = all.map((spans) => spans?.filter((s) => labels.includes(s.label)) ?? null);
  const present = layers.map((l) => l !== null);
  const spans = indexPairs(annotators).map(([i, j]) => {
    const [a, b] = [layers[i], layers[j]];
    return a && b ? { strict: spanCounts(a, b, 'strict'), lenient: spanCounts(a, b, 'lenient') } : null;
  });
  const words = tokenize(article.text);
  const tokens = Object.fromEntries(
    labels.map((label) => {
      const columns = layers.map((l) => (l ? categoriesOf(words, l, label) : null));
      return [label, tokenPatterns(columns, words.length)];
    }),
  );
  const length = article.text.length;
  const coders = layers.filter((l): l is AgreementSpan[] => l !== null);
  const unitizing = Object.fromEntries(
    labels.map((label) => [
      label,
      unitizingSums(
        length,
        coders.map((l) => segmentsOf(l, label, length)),
      ),
    ]),
  );
  const attributes = config.attributes.map((a) =>
    patternsOf(rowsOf(attributeUnits(all, a.label, a.name)), attributeKey),
  );
  return { id: article.id, length, present, spans, tokens, unitizing, attributes };
}

/** Each piece of the label's spans is a unit; its gaps are not. */
function segmentsOf(spans: readonly AgreementSpan[], label: string, length: number): Segment[] {
  const out: Segment[] = [];
  for (const s of spans) {
    if (s.label !== label) continue;
    for (const p of spanPieces(s)) out.push({ start: p.start, end: Math.min(length, p.end) });
  }
  return out;
}

/** An article no two layers meet on adds nothing but its length to the corpus: its stats without reading its text. */
export function unreadStats(config: AgreementConfig, id: string, length: number, present: boolean[]): ArticleStats {
  const coders = present.filter(Boolean).length;
  if (coders >= 2) throw new Error(`Article "${id}" has ${coders} layers: it must be read`);
  const noUnits = {
    length,
    disagreement: 0,
    units: [],
    gaps: [],
    ends: present.flatMap((p) => (p ? [{ head: length, tail: 0, hasUnits: false }] : [])),
  };
  return {
    id,
    length,
    present,
    spans: indexPairs(config.annotators).map(() => null),
    tokens: Object.fromEntries(config.labels.map((label) => [label, []])),
    unitizing: Object.fromEntries(config.labels.map((label) => [label, noUnits])),
    attributes: config.attributes.map(() => []),
  };
}
