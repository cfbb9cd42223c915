import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { FactmarkError } from '../../../annotations/errors';
import type { SuggestRequestInput } from '../../../annotations/suggest/recommender';
import { makeSuggestion } from '../../../annotations/suggest/recommender';
import { mergeSuggestions, suggest } from '../../../annotations/suggest/run';

describe('suggest', () => {
  it('refuses a request that does not parse', () => {
    expect(() => suggest({ article: { id: 'a', text: 1 as unknown as string }, tagset: DEFAULT_TAGSET })).toThrow(
      FactmarkError,
    );
    expect(() =>
      suggest({
        article: { id: 'a', text: '' },
        tagset: DEFAULT_TAGSET,
        settings: { recommenders: ['psychic' as 'gazetteer'] },
      }),
    ).toThrow(/recommenders/);
  });

  it('keeps one suggestion per kind and span, the best scored, and moves said-by links to it', () => {
    const text = 'Dehqan said the talks went well.';
    const speakerA = makeSuggestion('attribution', text, 'speaker', 0, 6, 0.6);
    const speakerB = makeSuggestion('learned', text, 'speaker', 0, 6, 0.9);
    const claim = makeSuggestion('attribution', text, 'claim', 12, 31, 0.8, { saidBy: speakerA.id });
    const merged = mergeSuggestions([speakerA, claim, speakerB]);
    expect(merged.map((s) => s.id)).toEqual([speakerB.id, claim.id]);
    expect(merged[1]!.saidBy).toBe(speakerB.id);
  });

  it('drops suggestions below the score asked for, and kinds left out of the settings', () => {
    const text = '“The border will stay open,” Dehqan said in Tehran.';
    const entities = [{ id: 'tehran', name: 'Tehran', type: 'place' as const, aliases: [] }];
    const all = suggest({ article: { id: 'a', text }, tagset: DEFAULT_TAGSET, entities });
    expect(all.map((s) => s.kind).sort()).toEqual(['claim', 'place', 'speaker']);
    const places = suggest({
      article: { id: 'a', text },
      tagset: DEFAULT_TAGSET,
      entities,
      settings: { kinds: ['place'] },
    });
    expect(places.map((s) => s.quote)).toEqual(['Tehran']);
    expect(suggest({ article: { id: 'a', text }, tagset: DEFAULT_TAGSET, settings: { minScore: 0.95 } })).toEqual([]);
  });
});

describe('the learned matcher', () => {
  it('proposes a phrase with the kind, attributes and entity given most often, scored by how often it was tagged', () => {
    const examples: SuggestRequestInput['examples'] = [
      {
        text: 'The ceasefire held. The ceasefire broke. A ceasefire is near. The ceasefire ended.',
        annotations: [
          { kind: 'event', start: 4, end: 13, attributes: { eventType: 'agreement signing' } },
          { kind: 'event', start: 24, end: 33, attributes: { eventType: 'agreement signing' } },
          { kind: 'claim', start: 41, end: 50, attributes: {} },
        ],
      },
    ];
    const found = suggest({
      article: { id: 'a', text: 'CEASEFIRE talks; a new ceasefire.' },
      tagset: DEFAULT_TAGSET,
      examples,
      settings: { recommenders: ['learned'], minScore: 0 },
    });
    expect(found.map((s) => [s.quote, s.kind, s.score, s.attributes])).toEqual([
      ['CEASEFIRE', 'event', 0.5, { eventType: 'agreement signing' }],
      ['ceasefire', 'event', 0.5, { eventType: 'agreement signing' }],
    ]);
  });
});
