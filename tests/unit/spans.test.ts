import { describe, expect, it } from 'vitest';
import { FactmarkError } from '../../annotations/errors';
import { checkSpan, trimSpan } from '../../annotations/spans';

/** The error `fn` throws, or a failure if it throws none. */
function thrown(fn: () => void): FactmarkError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FactmarkError);
    return error as FactmarkError;
  }
  throw new Error('expected a FactmarkError, but nothing was thrown');
}

describe('checkSpan', () => {
  const text = 'Iran and Iraq signed a deal.';

  it('accepts a span whose quote is exactly the text it covers', () => {
    expect(() => checkSpan(text, 0, 4, 'Iran')).not.toThrow();
    expect(() => checkSpan(text, 9, 13, 'Iraq')).not.toThrow();
    expect(() => checkSpan(text, 0, text.length, text)).not.toThrow();
  });

  it('refuses a span that reaches past either end of the text', () => {
    const past = thrown(() => checkSpan(text, 20, text.length + 1, text.slice(20)));
    expect(past.code).toBe('invalid-argument');
    expect(past.message).toMatch(/outside the article/);
    expect(past.message).toContain(`${text.length} UTF-16 code units`);
    expect(thrown(() => checkSpan(text, -1, 4, 'Iran')).message).toMatch(/outside the article/);
  });

  it('refuses a reversed span and an empty one', () => {
    const reversed = thrown(() => checkSpan(text, 4, 0, ''));
    expect(reversed.code).toBe('invalid-argument');
    expect(reversed.message).toMatch(/empty or reversed/);
    expect(thrown(() => checkSpan(text, 5, 5, '')).message).toMatch(/empty or reversed/);
  });

  it('refuses offsets that are not whole numbers', () => {
    for (const [start, end] of [
      [0.5, 4],
      [0, 3.5],
      [Number.NaN, 4],
      [0, Number.POSITIVE_INFINITY],
    ] as const) {
      const error = thrown(() => checkSpan(text, start, end, 'Iran'));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(/whole numbers/);
    }
  });

  it('refuses a quote that differs from the text, showing both in the message', () => {
    const error = thrown(() => checkSpan(text, 0, 4, 'Iraq'));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('at 0–4');
    expect(error.message).toContain('the text there is "Iran"');
    expect(error.message).toContain('the quote is "Iraq"');
  });

  it('compares the quote exactly: case and surrounding white space count', () => {
    expect(thrown(() => checkSpan(text, 0, 4, 'iran')).message).toMatch(/does not match/);
    expect(thrown(() => checkSpan(text, 0, 5, 'Iran')).message).toMatch(/the text there is "Iran "/);
  });

  describe('with an emoji (two UTF-16 code units)', () => {
    const emojiText = 'Good 👍 news';
    const at = emojiText.indexOf('👍');

    it('is laid out as the tests assume', () => {
      expect('👍').toHaveLength(2);
      expect(at).toBe(5);
    });

    it('refuses a start or an end that falls between the two halves of the emoji', () => {
      const endInside = thrown(() => checkSpan(emojiText, 0, at + 1, emojiText.slice(0, at + 1)));
      expect(endInside.code).toBe('invalid-argument');
      expect(endInside.message).toMatch(`Offset ${at + 1} falls inside a surrogate pair`);
      const startInside = thrown(() => checkSpan(emojiText, at + 1, emojiText.length, emojiText.slice(at + 1)));
      expect(startInside.message).toMatch(`Offset ${at + 1} falls inside a surrogate pair`);
    });

    it('accepts spans that end just before it, start just after it, or contain it whole', () => {
      expect(() => checkSpan(emojiText, 0, at, 'Good ')).not.toThrow();
      expect(() => checkSpan(emojiText, at + 2, emojiText.length, ' news')).not.toThrow();
      expect(() => checkSpan(emojiText, at, at + 2, '👍')).not.toThrow();
      expect(() => checkSpan(emojiText, 0, emojiText.length, 'Good 👍 news')).not.toThrow();
    });

    it('accepts a span that ends with an emoji at the very end of the text', () => {
      const trailing = 'Thanks 👍';
      expect(() => checkSpan(trailing, 7, 9, '👍')).not.toThrow();
      expect(thrown(() => checkSpan(trailing, 7, 8, trailing.slice(7, 8))).message).toMatch(/surrogate pair/);
    });
  });

  it('accepts a span holding a letter with a combining mark (e + U+0301)', () => {
    const combining = 'Caf' + 'e\u0301' + ' open';
    expect(combining).toHaveLength(10);
    expect(() => checkSpan(combining, 0, 5, 'Cafe\u0301')).not.toThrow();
    expect(() => checkSpan(combining, 3, 5, 'e\u0301')).not.toThrow();
    // The precomposed "é" is another string: the quote must match code unit for code unit.
    expect(thrown(() => checkSpan(combining, 0, 5, 'Caf\u00e9')).message).toMatch(/does not match/);
  });
});

describe('trimSpan', () => {
  it('leaves a span that has no white space at its ends as it is', () => {
    expect(trimSpan('Iran and Iraq', 0, 4)).toEqual({ start: 0, end: 4 });
  });

  it('drops leading and trailing spaces, tabs and newlines, keeping inner ones', () => {
    const text = 'said:\n\t  Iran and Iraq \n\nnext';
    const start = text.indexOf('\n');
    const end = text.indexOf('next');
    const span = trimSpan(text, start, end);
    expect(span).toEqual({ start: text.indexOf('Iran'), end: text.indexOf('Iraq') + 4 });
    expect(text.slice(span!.start, span!.end)).toBe('Iran and Iraq');
  });

  it('trims only inside the span it was given', () => {
    const text = '  Iran  ';
    expect(trimSpan(text, 3, 8)).toEqual({ start: 3, end: 6 });
  });

  it('trims CRLF line breaks and non-breaking spaces too', () => {
    expect(trimSpan('\r\n\u00a0Iran\u00a0\r\n', 0, 9)).toEqual({ start: 3, end: 7 });
  });

  it('returns null when the span holds only white space, or nothing', () => {
    expect(trimSpan('a \n\t b', 1, 5)).toBeNull();
    expect(trimSpan('abc', 2, 2)).toBeNull();
  });
});
