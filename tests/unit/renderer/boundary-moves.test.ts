import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movedSpan } from '../../../renderer/src/ArticleView/boundary-moves';
import type { BoundaryMove } from '../../../renderer/src/ArticleView/boundary-moves';

const TEXT = 'General Dehqan said in a joint press conference.';
const span = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });
const quote = (s: { start: number; end: number } | null) => (s ? TEXT.slice(s.start, s.end) : null);
const move = (edge: BoundaryMove['edge'], direction: -1 | 1, unit: BoundaryMove['unit']) => ({
  edge,
  direction,
  unit,
});

describe('moving a span’s ends', () => {
  it('moves the end and the start by a character', () => {
    expect(quote(movedSpan(TEXT, span('Dehqan'), move('end', 1, 'char')))).toBe('Dehqan ');
    expect(quote(movedSpan(TEXT, span('Dehqan'), move('end', -1, 'char')))).toBe('Dehqa');
    expect(quote(movedSpan(TEXT, span('Dehqan'), move('start', -1, 'char')))).toBe(' Dehqan');
    expect(quote(movedSpan(TEXT, span('Dehqan'), move('start', 1, 'char')))).toBe('ehqan');
  });

  it('moves by a word, the span always starting and ending on a word', () => {
    expect(quote(movedSpan(TEXT, span('Dehqan'), move('end', 1, 'word')))).toBe('Dehqan said');
    expect(quote(movedSpan(TEXT, span('Dehqan said'), move('end', -1, 'word')))).toBe('Dehqan');
    expect(quote(movedSpan(TEXT, span('Dehqan'), move('start', -1, 'word')))).toBe('General Dehqan');
    expect(quote(movedSpan(TEXT, span('General Dehqan'), move('start', 1, 'word')))).toBe('Dehqan');
    expect(quote(movedSpan(TEXT, span('press conference'), move('end', 1, 'word')))).toBe('press conference.');
  });

  it('never empties a span, leaves the text or splits a surrogate pair', () => {
    expect(movedSpan(TEXT, span('a'), move('end', -1, 'char'))).toBeNull();
    expect(movedSpan(TEXT, span('Dehqan'), move('end', -1, 'word'))).toBeNull();
    expect(movedSpan(TEXT, span('General'), move('start', -1, 'char'))).toBeNull();
    expect(movedSpan(TEXT, span('conference.'), move('end', 1, 'char'))).toBeNull();
    const emoji = 'a 😀 b';
    expect(movedSpan(emoji, { start: 0, end: 2 }, move('end', 1, 'char'))).toEqual({ start: 0, end: 4 });
    expect(movedSpan(emoji, { start: 4, end: 6 }, move('start', -1, 'char'))).toEqual({ start: 2, end: 6 });
  });

  it('for any text and span, a move gives a non-empty span inside the text that changed one end only', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom<BoundaryMove['edge']>('start', 'end'),
        fc.constantFrom<-1 | 1>(-1, 1),
        fc.constantFrom<BoundaryMove['unit']>('char', 'word'),
        (text, a, b, edge, direction, unit) => {
          const start = a % text.length;
          const end = start + 1 + (b % (text.length - start));
          const next = movedSpan(text, { start, end }, { edge, direction, unit });
          if (!next) return;
          expect(next.start).toBeGreaterThanOrEqual(0);
          expect(next.end).toBeLessThanOrEqual(text.length);
          expect(next.end).toBeGreaterThan(next.start);
          if (edge === 'start') expect(next.end).toBe(end);
          else expect(next.start).toBe(start);
          const moved = edge === 'start' ? next.start - start : next.end - end;
          expect(Math.sign(moved)).toBe(direction);
        },
      ),
    );
  });
});
