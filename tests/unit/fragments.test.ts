import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFragments, joinPieces, spanPieces } from '../../annotations/spans';

const text = 'He picked the old phone up.\nThen he called.';
const at = (word: string, from = 0) => {
  const start = text.indexOf(word, from);
  return { start, end: start + word.length };
};

describe('discontinuous spans', () => {
  it('keeps pieces apart when more than white space parts them', () => {
    const picked = at('picked');
    const up = at('up');
    expect(joinPieces(text, [up, picked])).toEqual({ start: picked.start, end: up.end, fragments: [picked, up] });
  });

  it('joins pieces parted by white space only, as brat splits a span at a line break', () => {
    const up = at('up.');
    const then = at('Then');
    expect(joinPieces(text, [up, then])).toEqual({ start: up.start, end: then.end });
    expect(joinPieces(text, [at('old'), at('phone')])).toEqual({ start: at('old').start, end: at('phone').end });
  });

  it('joins overlapping and touching pieces', () => {
    expect(
      joinPieces(text, [
        { start: 3, end: 8 },
        { start: 5, end: 12 },
        { start: 12, end: 14 },
      ]),
    ).toEqual({
      start: 3,
      end: 14,
    });
  });

  it('checks fragments: canonical, in order, framing the span', () => {
    const span = joinPieces(text, [at('picked'), at('up')]);
    expect(() => checkFragments(text, span)).not.toThrow();
    expect(() => checkFragments(text, { ...span, fragments: [...span.fragments!].reverse() })).toThrow(/text order/);
    expect(() => checkFragments(text, { ...span, end: span.end + 1 })).toThrow(/but the span is/);
    expect(() => checkFragments(text, { start: 0, end: 9, fragments: [at('He'), at('picked')] })).toThrow(
      /more than white space/,
    );
    expect(() => checkFragments(text, { start: 0, end: 2, fragments: [at('He')] })).toThrow(/at least two/);
  });

  it('gives the pieces of any span: its fragments, or the one range', () => {
    expect(spanPieces({ start: 1, end: 4 })).toEqual([{ start: 1, end: 4 }]);
    expect(spanPieces(joinPieces(text, [at('picked'), at('up')]))).toEqual([at('picked'), at('up')]);
  });

  it('always makes a span that passes its own check, covering exactly the characters of the pieces or gaps of white space', () => {
    const sample = fc
      .string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '.'), minLength: 2, maxLength: 40 })
      .chain((t) =>
        fc.record({
          t: fc.constant(t),
          pieces: fc.array(
            fc
              .tuple(fc.integer({ min: 0, max: t.length - 1 }), fc.integer({ min: 1, max: t.length }))
              .map(([s, len]) => ({ start: s, end: Math.min(t.length, s + len) })),
            { minLength: 1, maxLength: 5 },
          ),
        }),
      );
    fc.assert(
      fc.property(sample, ({ t, pieces }) => {
        const span = joinPieces(t, pieces);
        checkFragments(t, span);
        const covered = (i: number) => pieces.some((p) => p.start <= i && i < p.end);
        for (let i = 0; i < t.length; i++) {
          const inSpan = spanPieces(span).some((p) => p.start <= i && i < p.end);
          // Everything a piece covered is in the span; anything else in it is white space between pieces.
          if (covered(i)) expect(inSpan).toBe(true);
          else if (inSpan) expect(t[i]).toMatch(/\s/);
        }
        expect(joinPieces(t, spanPieces(span))).toEqual(span);
      }),
      { seed: Number(process.env.FACTMARK_FUZZ_SEED ?? 1) },
    );
  });
});
