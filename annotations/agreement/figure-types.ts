import type { AttributeAgreement } from './attribute-agreement';
import type { Coefficient, PairCoefficient } from './coefficients';
import type { LabelledSpan, SpanScores } from './span-scores';

/** A span of one annotator's layer with its attribute values. */
export type AgreementSpan = LabelledSpan & { attributes: Record<string, unknown> };

/** What is measured: the layers, the span kinds, and the attributes (e.g. claim.verdict). */
export interface AgreementConfig {
  annotators: string[];
  /** Span kinds to measure. */
  labels: string[];
  /** Attributes to measure, e.g. claim.verdict. */
  attributes: { label: string; name: string }[];
}

/** One article as the report reads it; a layer that is null (or absent) is missing: not annotated yet. */
export interface AgreementArticle {
  id: string;
  text: string;
  layers: Record<string, { spans: AgreementSpan[] } | null>;
}

/** What the report is computed from. */
export interface AgreementInput extends AgreementConfig {
  articles: AgreementArticle[];
}

/** Span scores of two annotators; `a` is the reference for precision and recall (F1 is the same either way). */
export interface PairSpanAgreement {
  a: string;
  b: string;
  /** Articles in which both have a layer: the counts pool these. */
  articles: number;
  strict: SpanScores;
  lenient: SpanScores;
}

/** Token-unit coefficients; `units` is what each rests on (see docs/agreement.md). */
export interface TokenAgreement {
  cohen: PairCoefficient[];
  fleiss: Coefficient;
  krippendorff: Coefficient;
}

export interface UnitizingAgreement {
  value: number | null;
  /** Annotators compared, articles on the continuum and its length in UTF-16 code units. */
  coders: number;
  articles: number;
  length: number;
}

export interface AgreementFigures {
  /** One entry per unordered pair of annotators, in the order given. */
  spans: PairSpanAgreement[];
  tokens: { overall: TokenAgreement; perLabel: Record<string, TokenAgreement> };
  unitizing: Record<string, UnitizingAgreement>;
  attributes: AttributeAgreement[];
}

export interface ArticleAgreement extends AgreementFigures {
  id: string;
}

/** The corpus's figures, pooled over every article (not averaged). */
export interface CorpusAgreement {
  annotators: string[];
  labels: string[];
  corpus: AgreementFigures;
  /** The articles on which at least two of the layers measured meet, in the store's order. */
  measuredArticles: string[];
}
