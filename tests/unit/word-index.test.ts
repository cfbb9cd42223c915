import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textPattern } from '../../annotations/search/text-pattern';
import { WordIndex } from '../../annotations/search/word-index';

/**
 * Characters where case-insensitive matching is not lower-casing: the long
 * s and the Kelvin sign fold to ASCII letters, the sharp s and its capital,
 * the Greek sigmas, the dotted and dotless i, a combining mark that folds
 * to iota, a decomposed é, an emoji (a surrogate pair), digits and the
 * separators of real text.
 */
const PIECES = [
  ...'abAB sS k K',
  'ſ',
  'K',
  'ß',
  'ẞ',
  'σ',
  'ς',
  'Σ',
  'İ',
  'ı',
  'i',
  'é',
  'e\u0301',
  '\u0345',
  'ι',
  '😀',
  '1',
  '\n',
  '.',
  '-',
  "'",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

/** How many times the search's pattern finds the needle: what the index must count. */
const scanCount = (haystack: string, needle: string) => [...haystack.matchAll(textPattern(needle))].length;

/** Needles: pieces of the texts (so most are found) or made up. */
const corpusAndNeedles = fc.array(text, { minLength: 1, maxLength: 8 }).chain((texts) =>
  fc.tuple(
    fc.constant(texts),
    fc.array(
      fc.oneof(
        text.map((t) => t || 'a'),
        fc
          .tuple(fc.nat(texts.length - 1), fc.nat(), fc.integer({ min: 1, max: 6 }))
          .map(([i, at, n]) => texts[i]!.slice(at % (texts[i]!.length + 1)).slice(0, n) || 'a'),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  ),
);

function build(texts: readonly string[]): WordIndex {
  const index = new WordIndex();
  texts.forEach((t, i) => index.add(`d${i}`, `h${i}`, t));
  return index;
}

/** The lookup agrees with a scan of every text: exact counts, or a superset of the texts that hold the needle. */
function expectAgrees(index: WordIndex, texts: readonly string[], needle: string): void {
  const found = index.lookup(needle);
  texts.forEach((t, i) => {
    const doc = index.docNo(`d${i}`)!;
    const count = scanCount(t, needle);
    if (found.kind === 'counts') expect(found.counts[doc], `"${needle}" in "${t}"`).toBe(count);
    else if (found.kind === 'maybe' && count > 0) expect(found.docs[doc], `"${needle}" in "${t}"`).toBe(1);
  });
}

describe('the word index', () => {
  it('counts a word or part of one exactly as the search pattern does, and never misses a text holding a phrase', () => {
    fc.assert(
      fc.property(corpusAndNeedles, ([texts, needles]) => {
        const index = build(texts);
        for (const needle of needles) expectAgrees(index, texts, needle);
      }),
      { numRuns: 300 },
    );
  });

  it('answers the same once written as bytes and read back, and keeps growing after', () => {
    fc.assert(
      fc.property(corpusAndNeedles, text, ([texts, needles], later) => {
        const read = WordIndex.fromBytes(build(texts).toBytes())!;
        expect(read).not.toBeNull();
        read.add(`d${texts.length}`, 'later', later);
        const all = [...texts, later];
        for (const needle of needles) expectAgrees(read, all, needle);
      }),
      { numRuns: 100 },
    );
  });

  it('forgets a removed text, and counts the text that replaces it under the same id', () => {
    const index = build(['Tehran talks', 'talks in Baghdad']);
    index.remove('d0');
    index.add('d1', 'h1-new', 'Tehran and Tehran');
    const found = index.lookup('tehran');
    expect(found.kind).toBe('counts');
    if (found.kind !== 'counts') return;
    expect([...found.counts].reduce((a, b) => a + b, 0)).toBe(2);
    expect(index.docNo('d0')).toBeUndefined();
    expect(index.hashOf('d1')).toBe('h1-new');
  });

  it('refuses bytes that are not an index', () => {
    expect(WordIndex.fromBytes(new TextEncoder().encode('{"not": "an index"}'))).toBeNull();
    const bytes = build(['one two']).toBytes();
    expect(WordIndex.fromBytes(bytes.subarray(0, bytes.length - 1))).toBeNull();
  });
});
