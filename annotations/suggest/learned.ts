import type { AttributeValue } from '../tagset';
import type { ExampleArticle, Recommender, RecommenderContext, Suggestion } from './recommender';
import { makeSuggestion } from './recommender';
import { createPhraseTrie, phraseKeys, tokenize, tokensOf } from './tokens';

/** Longer spans (whole claims) do not recur word for word; learning them only costs time. */
const MAX_WORDS = 8;

interface Learned {
  /** How often the phrase was tagged, per kind. */
  kinds: Map<string, number>;
  /** Per kind, how often each set of attributes (as JSON) and each entity was given. */
  attributes: Map<string, Map<string, number>>;
  entities: Map<string, Map<string, number>>;
  tagged: number;
  /** How often the phrase occurs in the example texts, tagged or not. */
  occurrences: number;
  /** Always tagged in capitals ("US"): then only found in capitals, so "us" is not proposed. */
  acronym: boolean;
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function nested(map: Map<string, Map<string, number>>, kind: string): Map<string, number> {
  let inner = map.get(kind);
  if (!inner) map.set(kind, (inner = new Map()));
  return inner;
}

function mostOften<K>(map: Map<K, number> | undefined): K | undefined {
  let best: K | undefined;
  let count = 0;
  for (const [key, n] of map ?? []) if (n > count) [best, count] = [key, n];
  return best;
}

/**
 * Learns from other articles' annotations which phrases get tagged and how
 * often they are tagged when they occur. Build it once per set of examples.
 */
export function createLearnedIndex(examples: readonly ExampleArticle[], kinds: ReadonlySet<string>) {
  const trie = createPhraseTrie<Learned>();
  const byKey = new Map<string, Learned>();
  const cache = new Map<string, string>();
  for (const example of examples) {
    for (const a of example.annotations) {
      if (!kinds.has(a.kind) || a.end <= a.start || a.end > example.text.length) continue;
      const quote = example.text.slice(a.start, a.end);
      const keys = phraseKeys(quote);
      const capitals = /\p{Lu}{2}/u.test(quote) && quote === quote.toUpperCase();
      if (keys.length === 0 || keys.length > MAX_WORDS) continue;
      const joined = keys.join(' ');
      let learned = byKey.get(joined);
      if (!learned) {
        learned = {
          kinds: new Map(),
          attributes: new Map(),
          entities: new Map(),
          tagged: 0,
          occurrences: 0,
          acronym: capitals,
        };
        byKey.set(joined, learned);
        trie.add(keys, learned);
      }
      learned.tagged++;
      learned.acronym &&= capitals;
      bump(learned.kinds, a.kind);
      bump(nested(learned.attributes, a.kind), JSON.stringify(a.attributes));
      if (a.entityId !== null) bump(nested(learned.entities, a.kind), a.entityId);
    }
  }
  for (const example of examples)
    for (const match of trie.find(example.text, tokenize(example.text, cache)))
      for (const learned of match.values) learned.occurrences++;
  return trie;
}

/**
 * What annotators already tagged elsewhere, proposed where the same words
 * occur again: with the kind, attributes and entity given most often, scored
 * by the share of the phrase's occurrences that were tagged.
 */
export function learnedSuggestions(
  context: RecommenderContext,
  index = createLearnedIndex(context.examples, context.kinds),
): Suggestion[] {
  const { text } = context.article;
  const suggestions: Suggestion[] = [];
  for (const match of index.find(text, tokensOf(text))) {
    const learned = match.values[0]!;
    const quote = text.slice(match.start, match.end);
    if (learned.acronym && quote !== quote.toUpperCase()) continue;
    const kind = mostOften(learned.kinds)!;
    const score = learned.kinds.get(kind)! / Math.max(learned.occurrences, learned.tagged);
    const attributes = JSON.parse(mostOften(learned.attributes.get(kind)) ?? '{}') as Record<string, AttributeValue>;
    suggestions.push(
      makeSuggestion('learned', text, kind, match.start, match.end, score, {
        attributes,
        entityId: mostOften(learned.entities.get(kind)) ?? null,
      }),
    );
  }
  return suggestions;
}

export const learnedRecommender: Recommender = {
  id: 'learned',
  description: 'Phrases tagged in other articles, where they occur again',
  kinds: null,
  suggest: (context) => learnedSuggestions(context),
};
