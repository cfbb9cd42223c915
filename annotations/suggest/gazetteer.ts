import type { Recommender, RecommenderContext, SuggestEntity, Suggestion } from './recommender';
import { makeSuggestion } from './recommender';
import { createPhraseTrie, isTitle, phraseKeys, tokensOf } from './tokens';

interface Entry {
  entity: SuggestEntity;
  /** The entity's own name rather than an alias. */
  primary: boolean;
  /** Written in capitals ("US", "IRNA"): matches only text in capitals, so "us" is not the United States. */
  acronym: boolean;
}

/** A person's name keys without the titles before it: "General Dehqan" is found as "Dehqan". */
function entryKeys(entity: SuggestEntity, phrase: string): string[] {
  if (entity.type !== 'person') return phraseKeys(phrase);
  const words = phrase.split(/\s+/);
  let first = 0;
  while (first < words.length - 1 && isTitle(words[first]!)) first++;
  return phraseKeys(words.slice(first).join(' '));
}

/** Builds the gazetteer's trie once; reuse it for many articles with the same registry. */
export function createGazetteerIndex(entities: readonly SuggestEntity[]) {
  const trie = createPhraseTrie<Entry>();
  for (const entity of entities) {
    for (const [i, phrase] of [entity.name, ...entity.aliases].entries()) {
      const acronym = /^[\p{Lu}\p{N}.]{2,}$/u.test(phrase.replace(/\s/g, ''));
      trie.add(entryKeys(entity, phrase), { entity, primary: i === 0, acronym });
    }
  }
  return trie;
}

/** The kind a mention of an entity type takes: the kind of the same name, when the tagset has it. */
function kindOf(entity: SuggestEntity, kinds: ReadonlySet<string>): string | null {
  return kinds.has(entity.type) ? entity.type : null;
}

/**
 * Every name and alias of every registry entity, found case-, diacritic- and
 * hyphen-insensitively on word boundaries, longest first; proposes a mention
 * of the entity's kind linked to it. A name two entities share is proposed
 * unlinked, with a lower score.
 */
export function gazetteerSuggestions(context: RecommenderContext, index = createGazetteerIndex(context.entities)) {
  const { text } = context.article;
  const suggestions: Suggestion[] = [];
  for (const match of index.find(text, tokensOf(text))) {
    const quote = text.slice(match.start, match.end);
    const capitals = quote === quote.toUpperCase();
    const entries = match.values.filter((e) => !e.acronym || capitals);
    const entities = [...new Map(entries.map((e) => [e.entity.id, e.entity])).values()];
    const kinds = new Set(entities.map((e) => kindOf(e, context.kinds)));
    const kind = [...kinds][0];
    if (entities.length === 0 || kinds.size !== 1 || !kind) continue;
    const unique = entities.length === 1;
    // A name in lower case ("iran") is likelier a typo or a different word.
    const cased = /\p{Lu}/u.test(quote) ? 1 : 0.6;
    const score = (unique ? (entries.some((e) => e.primary) ? 0.95 : 0.9) : 0.5) * cased;
    suggestions.push(
      makeSuggestion('gazetteer', text, kind, match.start, match.end, score, {
        entityId: unique ? entities[0]!.id : null,
      }),
    );
  }
  return suggestions;
}

export const gazetteerRecommender: Recommender = {
  id: 'gazetteer',
  description: 'Names and aliases of the registry’s entities, linked to the entity',
  kinds: ['person', 'organisation', 'place', 'group', 'other'],
  suggest: (context) => gazetteerSuggestions(context),
};
