import { tokenize } from '../formats/conll-iob2-format';
import type { Token } from '../formats/conll-iob2-format';
import type { LabelledSpan } from './span-scores';

/** A token's value for one label: inside some span of that label, or not. */
export type TokenCategory = 'in' | 'out';

/**
 * Per-label binary token units. Spans nest (a speaker inside a claim), so a
 * token is not given one label: for label L it is 'in' when it shares at
 * least one character with any span of L, else 'out'. Tokens are those of
 * the IOB2 export (`tokenize`).
 */
export function tokenCategories(text: string, spans: readonly LabelledSpan[], label: string): TokenCategory[] {
  return categoriesOf(tokenize(text), spans, label);
}

/** `tokenCategories` over tokens already computed, so a report tokenises each text once. */
export function categoriesOf(tokens: readonly Token[], spans: readonly LabelledSpan[], label: string): TokenCategory[] {
  const mine = spans.filter((s) => s.label === label);
  return tokens.map((t) => (mine.some((s) => s.start < t.end && t.start < s.end) ? 'in' : 'out'));
}
