import type { AttributeAgreement } from './attribute-agreement';
import { attributeAgreement } from './attribute-agreement';
import type { Coefficient, PairCoefficient } from './coefficients';
import type { Part } from './pooled-figures';
import { prepare, spanFigures, tokenFigures, unitizingFigures } from './pooled-figures';
import type { LabelledSpan, SpanScores } from './span-scores';
import type { TokenCategory } from './token-labels';

export type { AttributeAgreement } from './attribute-agreement';
export type { Coefficient, PairCoefficient } from './coefficients';
export type { Prf, SpanScores } from './span-scores';

/** A span of one annotator's layer with its attribute values. */
export type AgreementSpan = LabelledSpan & { attributes: Record<string, unknown> };

/** What the report is computed from; a layer that is null (or absent) is missing: not annotated yet. */
export interface AgreementInput {
  articles: { id: string; text: string; layers: Record<string, { spans: AgreementSpan[] } | null> }[];
  annotators: string[];
  /** Span kinds to measure. */
  labels: string[];
  /** Attributes to measure, e.g. claim.verdict. */
  attributes: { label: string; name: string }[];
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

/** The agreement report: per article, and for the corpus with every article pooled (not averaged). */
export interface AgreementReport {
  annotators: string[];
  labels: string[];
  corpus: AgreementFigures;
  articles: ArticleAgreement[];
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
export function agreementReport(input: AgreementInput): AgreementReport {
  const parts = input.articles.map((article) => prepare(input, article));
  return {
    annotators: [...input.annotators],
    labels: [...input.labels],
    corpus: figures(input, parts, 'corpus'),
    articles: input.articles.map((article, k) => ({ id: article.id, ...figures(input, [parts[k]!], 'article') })),
  };
}
