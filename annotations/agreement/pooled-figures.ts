import { attributeAgreementFromPatterns } from './attribute-agreement';
import { fleissKappaDetail, indexPairs, krippendorffAlphaNominalDetail, pairwiseKappa } from './coefficients';
import type { ArticleStats, SpanCounts } from './article-stats';
import type { Patterns } from './patterns';
import { pooledPatterns } from './patterns';
import type {
  AgreementConfig,
  AgreementFigures,
  PairSpanAgreement,
  TokenAgreement,
  UnitizingAgreement,
} from './figure-types';
import { scoresFromCounts } from './span-scores';
import { alphaOf, joinStretches } from './unitizing-alpha';

function spanFigures(config: AgreementConfig, stats: readonly ArticleStats[]): PairSpanAgreement[] {
  return indexPairs(config.annotators).map(([i, j], pair) => {
    const pooled = { strict: {} as SpanCounts, lenient: {} as SpanCounts };
    for (const mode of ['strict', 'lenient'] as const) {
      for (const label of config.labels) pooled[mode][label] = { tp: 0, fp: 0, fn: 0 };
    }
    let articles = 0;
    for (const s of stats) {
      const counts = s.spans[pair];
      if (!counts) continue;
      articles++;
      for (const mode of ['strict', 'lenient'] as const) {
        for (const [label, c] of Object.entries(counts[mode])) {
          const into = (pooled[mode][label] ??= { tp: 0, fp: 0, fn: 0 });
          into.tp += c.tp;
          into.fp += c.fp;
          into.fn += c.fn;
        }
      }
    }
    const [a, b] = [config.annotators[i]!, config.annotators[j]!];
    return { a, b, articles, strict: scoresFromCounts(pooled.strict), lenient: scoresFromCounts(pooled.lenient) };
  });
}

/** Token coefficients from the token patterns: each pattern measured once, weighted by its count. */
export function tokenFigures(names: readonly string[], patterns: Patterns): TokenAgreement {
  const rows = patterns.map((p) => p[1]);
  const weights = patterns.map((p) => p[2]);
  const columns = names.map((_, k) => rows.map((row) => row[k] ?? null));
  return {
    cohen: pairwiseKappa(names, columns, weights),
    fleiss: names.length < 2 ? { value: null, units: 0 } : fleissKappaDetail(rows, weights),
    krippendorff: krippendorffAlphaNominalDetail(columns, weights),
  };
}

/**
 * Article scope: the annotators with a layer. Corpus scope: all annotators,
 * over the articles where all have one, laid end to end in their order.
 */
function unitizingFigures(
  config: AgreementConfig,
  stats: readonly ArticleStats[],
  label: string,
  scope: 'article' | 'corpus',
): UnitizingAgreement {
  const used = scope === 'corpus' ? stats.filter((s) => s.present.every(Boolean)) : stats;
  // Every article used has the same annotators: all of them (corpus), or the one article's (article).
  const coders = used.length === 0 ? 0 : config.annotators.filter((_, i) => used.every((s) => s.present[i])).length;
  const totals = joinStretches(
    coders,
    used.map((s) => s.unitizing[label]!),
  );
  return { value: alphaOf(totals), coders, articles: used.length, length: totals.length };
}

/** The report's figures over the articles given, pooled (not averaged) from each one's statistics, in their order. */
export function pooledFigures(
  config: AgreementConfig,
  stats: readonly ArticleStats[],
  scope: 'article' | 'corpus',
): AgreementFigures {
  const { annotators, labels } = config;
  const perLabelPatterns = labels.map((label) => pooledPatterns(stats.map((s) => s.tokens[label] ?? [])));
  return {
    spans: spanFigures(config, stats),
    tokens: {
      // The overall figures take every label's token units in turn: the per-label patterns, label by label.
      overall: tokenFigures(annotators, pooledPatterns(perLabelPatterns)),
      perLabel: Object.fromEntries(labels.map((label, k) => [label, tokenFigures(annotators, perLabelPatterns[k]!)])),
    },
    unitizing: Object.fromEntries(labels.map((label) => [label, unitizingFigures(config, stats, label, scope)])),
    attributes: config.attributes.map((a, k) =>
      attributeAgreementFromPatterns(
        annotators,
        a.label,
        a.name,
        pooledPatterns(stats.map((s) => s.attributes[k] ?? [])),
      ),
    ),
  };
}
