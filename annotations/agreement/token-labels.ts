import { tokenize } from '../formats/conll-iob2-format';
import type { Token } from '../formats/conll-iob2-format';
import { spanPieces } from '../spans';
import type { LabelledSpan } from './span-scores';

/** A token's value for one label: inside some span of that label, or not. */
export type TokenCategory = 'in' | 'out';

/**
 * Per-label binary token units. Spans nest (a speaker inside a claim), so a
 * token is not given one label: for label L it is 'in' when it shares at
 * least one character with any span of L, else 'out'. A discontinuous span
 * marks the tokens of its pieces, not those of its gaps. Tokens are those of
 * the IOB2 export (`tokenize`).
 */
export function tokenCategories(text: string, spans: readonly LabelledSpan[], label: string): TokenCategory[] {
  return categoriesOf(tokenize(text), spans, label);
}

/** `tokenCategories` over tokens already computed, so a report tokenises each text once. */
export function categoriesOf(tokens: readonly Token[], spans: readonly LabelledSpan[], label: string): TokenCategory[] {
  // Tokens are in text order and do not overlap: each span marks the run of tokens it shares a character with,
  // found by binary search, so a long article costs tokens + spans · log(tokens), not tokens × spans.
  const result: TokenCategory[] = tokens.map(() => 'out');
  for (const span of spans) {
    if (span.label !== label) continue;
    for (const s of spanPieces(span)) markPiece(tokens, s, result);
  }
  return result;
}

/** Marks `in` the run of tokens sharing a character with [s.start, s.end). */
function markPiece(tokens: readonly Token[], s: { start: number; end: number }, result: TokenCategory[]): void {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= s.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < tokens.length && tokens[k]!.start < s.end; k++) result[k] = 'in';
}
