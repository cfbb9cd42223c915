import type { SpanKindDefinition } from '../../../annotations/tagset';

/**
 * The kinds matching what was typed in the kind picker, best first: a
 * hotkey typed alone, then labels or ids that start with it, then those
 * with a word starting with it, then those containing it; the tagset's order
 * within each. Case and accents do not matter. Empty text: every kind.
 */
export function searchKinds(kinds: readonly SpanKindDefinition[], typed: string): SpanKindDefinition[] {
  const query = fold(typed.trim());
  if (query === '') return [...kinds];
  const rank = (k: SpanKindDefinition): number => {
    const names = [fold(k.label), fold(k.kind)];
    if (k.hotkey === query) return 0;
    if (names.some((n) => n.startsWith(query))) return 1;
    if (names.some((n) => n.split(/[^a-z0-9]+/).some((word) => word.startsWith(query)))) return 2;
    if (names.some((n) => n.includes(query))) return 3;
    return 4;
  };
  return kinds
    .map((k, i) => ({ k, i, r: rank(k) }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.k);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
