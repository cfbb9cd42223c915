import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { SuggestEntity, SuggestRequestInput } from '../../../annotations/suggest/recommender';
import { suggest } from '../../../annotations/suggest/run';
import { validateTagset } from '../../../annotations/tagset';

const ENTITIES: SuggestEntity[] = [
  { id: 'obeidi', name: 'Khaled al-Obeidi', type: 'person', aliases: ['al-Obeidi'] },
  { id: 'iraq', name: 'Iraq', type: 'place', aliases: [] },
  { id: 'tasnim', name: 'Tasnim News Agency', type: 'organisation', aliases: ['Tasnim'] },
];

const words = fc.constantFrom(
  'al-Obeidi',
  'Al Obeidi',
  'Iraq’s',
  'said',
  'that',
  '“We will win,”',
  'he',
  'told reporters',
  'on Tuesday',
  'Tasnim',
  'Ğüzel',
  '😀',
  '\u{1F1EE}\u{1F1F6}',
  'e\u0301',
  ',',
  '.',
  '\n',
  'according to',
);
const texts = fc.array(words, { maxLength: 40 }).map((w) => w.join(' '));

const request = (text: string, extra: Partial<SuggestRequestInput> = {}): SuggestRequestInput => ({
  article: { id: 'a1', text },
  tagset: DEFAULT_TAGSET,
  entities: ENTITIES,
  examples: [{ text: 'al-Obeidi said on Tuesday.', annotations: [{ kind: 'speaker', start: 0, end: 9 }] }],
  settings: { minScore: 0 },
  ...extra,
});

describe('suggestions, for any text', () => {
  it('have exact offsets inside the text that split no surrogate pair, and valid said-by links', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const suggestions = suggest(request(text));
        const ids = new Set(suggestions.map((s) => s.id));
        for (const s of suggestions) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThan(s.end);
          expect(s.quote).toBe(text.slice(s.start, s.end));
          expect([...s.quote].join('')).toBe(s.quote);
          expect(/^[\uDC00-\uDFFF]/.test(s.quote) || /[\uD800-\uDBFF]$/.test(s.quote)).toBe(false);
          if (s.saidBy !== null) expect(ids.has(s.saidBy)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('get the same ids on every run', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(suggest(request(text)).map((s) => s.id)).toEqual(suggest(request(text)).map((s) => s.id));
      }),
      { numRuns: 50 },
    );
  });

  it('are only of kinds the tagset has', () => {
    const tagset = validateTagset({
      name: 'Places and claims',
      kinds: [
        { kind: 'place', label: 'Place', color: '#187868', attributes: [] },
        { kind: 'claim', label: 'Claim', color: '#b57a13', attributes: [] },
      ],
    });
    fc.assert(
      fc.property(texts, (text) => {
        for (const s of suggest(request(text, { tagset }))) expect(['place', 'claim']).toContain(s.kind);
      }),
      { numRuns: 80 },
    );
  });
});

describe('the registry gazetteer', () => {
  const variants = fc
    .tuple(
      fc.constantFrom('al', 'Al', 'AL', 'El', 'el'),
      fc.constantFrom('-', ' ', '\u2011', '\u2010', '\u00a0'),
      fc.constantFrom('Obeidi', 'OBEIDI', 'obeidi', 'Obéidi', 'ÓBEIDI'),
    )
    .map(([article, hyphen, name]) => `${article}${hyphen}${name}`);

  it('finds a name with any hyphen, case, diacritics and article spelling, linked to its entity', () => {
    fc.assert(
      fc.property(variants, fc.constantFrom('', 'Minister ', 'General ', '“'), (name, before) => {
        const text = `${before}${name} arrived in Baghdad.`;
        const found = suggest({
          ...request(text),
          settings: { recommenders: ['gazetteer'], minScore: 0 },
        });
        expect(found).toEqual([
          expect.objectContaining({ kind: 'person', entityId: 'obeidi', start: before.length, quote: name }),
        ]);
      }),
    );
  });

  it('matches on word boundaries, longest first, and an alias in capitals only in capitals', () => {
    const entities: SuggestEntity[] = [
      { id: 'us', name: 'United States', type: 'place', aliases: ['US'] },
      { id: 'khaled', name: 'Khaled al-Obeidi', type: 'person', aliases: ['Obeidi'] },
    ];
    const text = 'Obeidis told us that Khaled Al‑Obeidi met US envoys; khaled obeidiX did not.';
    const found = suggest({ ...request(text), entities, settings: { recommenders: ['gazetteer'], minScore: 0 } });
    expect(found.map((s) => [s.quote, s.entityId])).toEqual([
      ['Khaled Al‑Obeidi', 'khaled'],
      ['US', 'us'],
    ]);
  });
});
