/** A span to compare: what suggestions and gold annotations have in common. */
export interface ScoredSpan {
  kind: string;
  start: number;
  end: number;
}

/**
 * Counts and the figures drawn from them. Precision counts suggestions that
 * match a gold span; recall counts gold spans some suggestion matches (with
 * overlap, several suggestions may match one gold span and the other way round).
 */
export interface Figures {
  suggested: number;
  /** Suggestions that match a gold span. */
  hits: number;
  gold: number;
  /** Gold spans that a suggestion matches. */
  recalled: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  /** Same kind, same start and end. */
  exact: Figures;
  /** Same kind, overlapping. */
  lenient: Figures;
  byKind: Record<string, { exact: Figures; lenient: Figures }>;
}

export function figures(suggested: number, hits: number, gold: number, recalled: number): Figures {
  const precision = suggested === 0 ? 0 : hits / suggested;
  const recall = gold === 0 ? 0 : recalled / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { suggested, hits, gold, recalled, precision, recall, f1 };
}

/** Adds counts up over articles (micro-averaging). */
export function addFigures(a: Figures, b: Figures): Figures {
  return figures(a.suggested + b.suggested, a.hits + b.hits, a.gold + b.gold, a.recalled + b.recalled);
}

const same = (a: ScoredSpan, b: ScoredSpan) => a.kind === b.kind && a.start === b.start && a.end === b.end;
const overlap = (a: ScoredSpan, b: ScoredSpan) => a.kind === b.kind && a.start < b.end && b.start < a.end;

function compare(
  found: readonly ScoredSpan[],
  gold: readonly ScoredSpan[],
  match: (a: ScoredSpan, b: ScoredSpan) => boolean,
): Figures {
  const hits = found.filter((f) => gold.some((g) => match(f, g))).length;
  const recalled = gold.filter((g) => found.some((f) => match(f, g))).length;
  return figures(found.length, hits, gold.length, recalled);
}

/**
 * Precision, recall and F1 of suggestions against a gold layer of one
 * article, overall and per kind. Compare only the kinds a recommender
 * proposes: pass the gold spans of those kinds.
 */
export function evaluate(found: readonly ScoredSpan[], gold: readonly ScoredSpan[]): Evaluation {
  const kinds = [...new Set([...found, ...gold].map((s) => s.kind))].sort();
  const byKind: Evaluation['byKind'] = {};
  for (const kind of kinds) {
    const f = found.filter((s) => s.kind === kind);
    const g = gold.filter((s) => s.kind === kind);
    byKind[kind] = { exact: compare(f, g, same), lenient: compare(f, g, overlap) };
  }
  return { exact: compare(found, gold, same), lenient: compare(found, gold, overlap), byKind };
}
