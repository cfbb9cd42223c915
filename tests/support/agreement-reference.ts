import { tokenize } from '../../annotations/formats/conll-iob2-format';
import { spanPieces } from '../../annotations/spans';
import type { AttributeUnits } from '../../annotations/agreement/attribute-agreement';
import { attributeAgreement, attributeUnits } from '../../annotations/agreement/attribute-agreement';
import {
  fleissKappaDetail,
  indexPairs,
  krippendorffAlphaNominalDetail,
  pairwiseKappa,
} from '../../annotations/agreement/coefficients';
import type {
  AgreementFigures,
  AgreementInput,
  AgreementReport,
  AgreementSpan,
  PairSpanAgreement,
  TokenAgreement,
  UnitizingAgreement,
} from '../../annotations/agreement/report';
import { scoresFromCounts, spanCounts } from '../../annotations/agreement/span-scores';
import type { TokenCategory } from '../../annotations/agreement/token-labels';
import { categoriesOf } from '../../annotations/agreement/token-labels';
import type { Segment } from '../../annotations/agreement/unitizing-alpha';
import { unitizingAlpha } from '../../annotations/agreement/unitizing-alpha';

/*
 * The agreement report computed straight from the spans of every article at
 * once, as Factmark did before it pooled per-article statistics: kept only
 * to check the pooled report against.
 */

interface Part {
  length: number;
  layers: (AgreementSpan[] | null)[];
  tokens: Record<string, (TokenCategory | null)[][]>;
  attributes: AttributeUnits[];
}

type Counts = Record<string, { tp: number; fp: number; fn: number }>;

function prepare(input: AgreementInput, article: AgreementInput['articles'][number]): Part {
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

function spanFigures(input: AgreementInput, parts: readonly Part[]): PairSpanAgreement[] {
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

function tokenFigures(names: readonly string[], data: (TokenCategory | null)[][]): TokenAgreement {
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
function unitizingFigures(parts: readonly Part[], label: string, scope: 'article' | 'corpus'): UnitizingAgreement {
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

function figures(input: AgreementInput, parts: readonly Part[], scope: 'article' | 'corpus'): AgreementFigures {
  const { annotators, labels } = input;
  // Plain loops: flatMap over arrays of a hundred thousand tokens is many times slower.
  const joined = (columns: Iterable<readonly (TokenCategory | null)[]>) => {
    const out: (TokenCategory | null)[] = [];
    for (const c of columns) for (const v of c) out.push(v);
    return out;
  };
  const column = (label: string, k: number) => joined(parts.map((p) => p.tokens[label]![k]!));
  const perLabel = Object.fromEntries(
    labels.map((label) => [
      label,
      tokenFigures(
        annotators,
        annotators.map((_, k) => column(label, k)),
      ),
    ]),
  );
  const overall = tokenFigures(
    annotators,
    annotators.map((_, k) => joined(labels.map((label) => column(label, k)))),
  );
  return {
    spans: spanFigures(input, parts),
    tokens: { overall, perLabel },
    unitizing: Object.fromEntries(labels.map((label) => [label, unitizingFigures(parts, label, scope)])),
    attributes: input.attributes.map((a, k) =>
      attributeAgreement(
        annotators,
        a.label,
        a.name,
        parts.map((p) => p.attributes[k]!),
      ),
    ),
  };
}

/** Agreement per article and for the corpus; see docs/agreement.md for every definition. */
export function referenceAgreementReport(input: AgreementInput): AgreementReport {
  const parts = input.articles.map((article) => prepare(input, article));
  return {
    annotators: [...input.annotators],
    labels: [...input.labels],
    corpus: figures(input, parts, 'corpus'),
    articles: input.articles.map((article, k) => ({ id: article.id, ...figures(input, [parts[k]!], 'article') })),
  };
}
