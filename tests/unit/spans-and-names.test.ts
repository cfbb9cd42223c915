import { describe, expect, it } from 'vitest';
import { articleFromText, normalizeText, titleOf } from '../../annotations/article-text';
import { FactmarkError } from '../../annotations/errors';
import { jaroWinkler, nameSimilarity, nameTokens } from '../../annotations/name-match';
import { checkSpan, trimSpan } from '../../annotations/spans';
import { createHash } from 'node:crypto';

const refuses = (fn: () => void, message: RegExp) => {
  expect(fn).toThrow(FactmarkError);
  expect(fn).toThrow(message);
};

describe('spans', () => {
  const text = 'Iran 👍 and e\u0301 Iraq';

  it('accepts a span whose quote is the text it covers, emoji and combining marks included', () => {
    expect(() => checkSpan(text, 0, 4, 'Iran')).not.toThrow();
    expect(() => checkSpan(text, 5, 7, '👍')).not.toThrow();
    expect(() => checkSpan(text, 12, 14, 'e\u0301')).not.toThrow();
  });

  it('refuses out-of-range, reversed, empty, fractional, mis-quoted and surrogate-splitting spans', () => {
    refuses(() => checkSpan(text, 0, 99, 'x'), /outside the article/);
    refuses(() => checkSpan(text, -1, 2, 'x'), /outside the article/);
    refuses(() => checkSpan(text, 4, 2, 'x'), /empty or reversed/);
    refuses(() => checkSpan(text, 3, 3, ''), /empty or reversed/);
    refuses(() => checkSpan(text, 0.5, 2, 'x'), /whole numbers/);
    refuses(() => checkSpan(text, 0, 4, 'Iraq'), /the text there is "Iran", the quote is "Iraq"/);
    refuses(() => checkSpan(text, 6, 7, text.slice(6, 7)), /Offset 6 falls inside a surrogate pair/);
    refuses(() => checkSpan(text, 5, 6, text.slice(5, 6)), /Offset 6 falls inside a surrogate pair/);
  });

  it('trims white space and line breaks around a selection, or finds nothing to tag', () => {
    expect(trimSpan('  Iran \n', 0, 8)).toEqual({ start: 2, end: 6 });
    expect(trimSpan(' \n\t ', 0, 4)).toBeNull();
  });
});

describe('article text', () => {
  it('keeps a headline as the title, and shortens a first line that is a sentence', () => {
    expect(titleOf('ISIS pursuing US and Israel interests, Iranian DM Says\n\nBody.')).toBe(
      'ISIS pursuing US and Israel interests, Iranian DM Says',
    );
    expect(titleOf('Iran and Iraq signed a memorandum of understanding (MoU) to boost their defense.\n')).toBe(
      'Iran and Iraq signed a memorandum of understanding (MoU) to…',
    );
    expect(titleOf('\n\n  ')).toBe('Untitled');
    expect(titleOf('x'.repeat(200))).toBe('x'.repeat(200));
  });

  it('normalises line endings only, and hashes the UTF-8 text with SHA-256', async () => {
    expect(normalizeText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
    const article = await articleFromText('id1', 'Title\r\n\r\nCafé 👍', 'test', '2026-01-01T00:00:00.000Z');
    expect(article.text).toBe('Title\n\nCafé 👍');
    expect(article.contentHash).toBe(`sha256:${createHash('sha256').update('Title\n\nCafé 👍', 'utf8').digest('hex')}`);
  });
});

describe('name matching', () => {
  it('drops titles, article prefixes, diacritics and punctuation', () => {
    expect(nameTokens('Brigadier General Hossein Dehqan')).toEqual(['hossein', 'dehqan']);
    expect(nameTokens('al-Obeidi')).toEqual(['obeidi']);
    expect(nameTokens('Ḥusayn Dehqān’s')).toEqual(['husayn', 'dehqans']);
  });

  it('computes Jaro–Winkler as published (Winkler 1990 examples)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('', 'x')).toBe(0);
  });

  it('scores spelling variants high, exact names 1, strangers low', () => {
    expect(nameSimilarity('Khalid al-Obeidi', 'Khaled al-Obeidi')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Khalid al-Obeidi', 'Khaled al-Obeidi')).toBeLessThan(1);
    expect(nameSimilarity('General Dehqan', 'Hossein Dehqan')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Hayali', 'Erfan al-Hiyali')).toBeGreaterThan(0.8);
    expect(nameSimilarity('the Iranian Defense Minister', 'Hossein Dehqan')).toBeLessThan(0.8);
    expect(nameSimilarity('Dehqan', 'dehqan')).toBe(1);
    expect(nameSimilarity('Tehran', 'Hossein Dehqan')).toBeLessThan(0.8);
  });
});
