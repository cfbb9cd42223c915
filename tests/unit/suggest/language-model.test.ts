import { describe, expect, it } from 'vitest';
import type { RecommenderContext } from '../../../annotations/suggest/recommender';
import { FULL_PARSE_LENGTH, languageModelSuggestions } from '../../../annotations/suggest/language-model';
import { GOLD_ARTICLES, GOLD_ENTITIES } from './gold-corpus';

const KINDS = new Set(['person', 'organisation', 'place', 'date']);
const context = (text: string): RecommenderContext => ({
  article: { id: 'a', text },
  entities: GOLD_ENTITIES,
  examples: [],
  kinds: KINDS,
});

describe('the language model', () => {
  it('finds people, places and dates without punctuation, titles or prepositions, linked to the registry', () => {
    const text = 'Iranian Defense Minister Brigadier General Hossein Dehqan arrived in Baghdad on Monday morning.';
    for (const mode of ['tagger', 'lexicon'] as const) {
      const found = languageModelSuggestions(context(text), mode);
      expect(
        found.map((s) => [s.kind, s.quote, s.entityId]),
        mode,
      ).toEqual([
        ['person', 'Hossein Dehqan', 'dehqan'],
        ['place', 'Baghdad', 'baghdad'],
        ['date', 'Monday morning', null],
      ]);
    }
  });

  it('leaves out a role the lexicon knows before a name', () => {
    for (const mode of ['tagger', 'lexicon'] as const) {
      const found = languageModelSuggestions(context('German Chancellor Olaf Scholz spoke.'), mode);
      expect(
        found.filter((s) => s.kind === 'person').map((s) => s.quote),
        mode,
      ).toEqual(['Olaf Scholz']);
    }
  });

  it('reads a long text with its lexicon alone, with exact offsets', () => {
    const base = GOLD_ARTICLES[0]!.text;
    const text = Array.from({ length: Math.ceil(FULL_PARSE_LENGTH / base.length) + 1 }, () => base).join('\n\n');
    const found = languageModelSuggestions(context(text));
    expect(found).toEqual(languageModelSuggestions(context(text), 'lexicon'));
    expect(found.length).toBeGreaterThan(50);
    for (const s of found) expect(text.slice(s.start, s.end)).toBe(s.quote);
  });
});
