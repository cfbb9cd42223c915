import { articleStats } from './article-stats';
import type { AgreementFigures, AgreementInput, ArticleAgreement } from './figure-types';
import { pooledFigures } from './pooled-figures';

export type { AttributeAgreement } from './attribute-agreement';
export type { Coefficient, PairCoefficient } from './coefficients';
export type { Prf, SpanScores } from './span-scores';
export type {
  AgreementArticle,
  AgreementConfig,
  AgreementFigures,
  AgreementInput,
  AgreementSpan,
  ArticleAgreement,
  PairSpanAgreement,
  TokenAgreement,
  UnitizingAgreement,
} from './figure-types';

/** The agreement report: per article, and for the corpus with every article pooled (not averaged). */
export interface AgreementReport {
  annotators: string[];
  labels: string[];
  corpus: AgreementFigures;
  articles: ArticleAgreement[];
}

/**
 * Agreement per article and for the corpus; see docs/agreement.md for every
 * definition. Each article is measured once into its statistics, and the
 * corpus figures are combined from those.
 */
export function agreementReport(input: AgreementInput): AgreementReport {
  const stats = input.articles.map((article) => articleStats(input, article));
  return {
    annotators: [...input.annotators],
    labels: [...input.labels],
    corpus: pooledFigures(input, stats, 'corpus'),
    articles: stats.map((s) => ({ id: s.id, ...pooledFigures(input, [s], 'article') })),
  };
}
