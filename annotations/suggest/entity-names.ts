import { normalizeName } from '../name-match';
import type { SuggestEntity } from './recommender';

/**
 * Registry entities by normalised name and alias (name-match's normalisation:
 * no titles, no diacritics, no "al-"), for linking a found mention. A name two
 * entities share maps to null: it links to neither.
 */
export function entitiesByName(entities: readonly SuggestEntity[]): (mention: string) => string | null {
  const byName = new Map<string, string | null>();
  for (const e of entities)
    for (const name of [e.name, ...e.aliases]) {
      const key = normalizeName(name);
      if (key !== '') byName.set(key, byName.has(key) && byName.get(key) !== e.id ? null : e.id);
    }
  return (mention) => byName.get(normalizeName(mention)) ?? null;
}
