import { describe, expect, it } from 'vitest';
import { matchSpans, prf, spanScores } from '../../annotations/agreement/span-scores';
import { tokenCategories } from '../../annotations/agreement/token-labels';

const span = (label: string, start: number, end: number) => ({ label, start, end });

describe('spanScores', () => {
  // A: claim 0–10, speaker 0–3, claim 20–30. B: claim 0–10, speaker 0–4, claim 22–35, claim 40–45.
  const a = [span('claim', 0, 10), span('speaker', 0, 3), span('claim', 20, 30)];
  const b = [span('claim', 0, 10), span('speaker', 0, 4), span('claim', 22, 35), span('claim', 40, 45)];

  it('strict: only claim 0–10 matches; P = 1/4, R = 1/3, F1 = 2/7', () => {
    // tp 1, fp 4 − 1 = 3, fn 3 − 1 = 2. F1 = 2PR/(P+R) = (2/12)/(7/12) = 2/7.
    const s = spanScores(a, b, 'strict');
    expect(s.overall).toEqual({ tp: 1, fp: 3, fn: 2, precision: 1 / 4, recall: 1 / 3, f1: expect.closeTo(2 / 7, 9) });
    // claim: tp 1, fp 2 (22–35, 40–45), fn 1 (20–30): P = 1/3, R = 1/2, F1 = 2/5.
    expect(s.perLabel.claim).toEqual({
      tp: 1,
      fp: 2,
      fn: 1,
      precision: 1 / 3,
      recall: 1 / 2,
      f1: expect.closeTo(2 / 5, 9),
    });
    // speaker: 0–3 v 0–4 differ: P = R = 0, P + R = 0 so F1 = 0.
    expect(s.perLabel.speaker).toEqual({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
  });

  it('lenient: same label and a shared character; P = 3/4, R = 1, F1 = 6/7', () => {
    const s = spanScores(a, b, 'lenient');
    expect(s.overall).toEqual({ tp: 3, fp: 1, fn: 0, precision: 3 / 4, recall: 1, f1: expect.closeTo(6 / 7, 9) });
    expect(s.perLabel.speaker).toEqual({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(matchSpans(a, b, 'lenient')).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('F1 is symmetric: swapping A and B swaps precision and recall only', () => {
    const s = spanScores(b, a, 'strict');
    expect(s.overall).toEqual({ tp: 1, fp: 2, fn: 3, precision: 1 / 3, recall: 1 / 4, f1: expect.closeTo(2 / 7, 9) });
  });

  it('matches one to one: greedily by most shared characters, ties by earliest start', () => {
    // One reference claim, two candidates sharing 5 characters each: the earlier one (0–5) is taken.
    expect(matchSpans([span('claim', 0, 10)], [span('claim', 5, 10), span('claim', 0, 5)], 'lenient')).toEqual([
      [0, 1],
    ]);
    expect(spanScores([span('claim', 0, 10)], [span('claim', 5, 10), span('claim', 0, 5)], 'lenient').overall).toEqual({
      tp: 1,
      fp: 1,
      fn: 0,
      precision: 1 / 2,
      recall: 1,
      f1: expect.closeTo(2 / 3, 9),
    });
    // 5–15 shares 5 characters with 0–10 and 7 with 8–20: it goes to 8–20.
    expect(matchSpans([span('claim', 0, 10), span('claim', 8, 20)], [span('claim', 5, 15)], 'lenient')).toEqual([
      [1, 0],
    ]);
    // A duplicate is matched once: tp 1, fn 1.
    expect(spanScores([span('claim', 0, 10), span('claim', 0, 10)], [span('claim', 0, 10)], 'strict').overall).toEqual({
      tp: 1,
      fp: 0,
      fn: 1,
      precision: 1,
      recall: 1 / 2,
      f1: expect.closeTo(2 / 3, 9),
    });
    // Spans of different labels never match, and touching spans share no character.
    expect(matchSpans([span('claim', 0, 10)], [span('speaker', 0, 10), span('claim', 10, 12)], 'lenient')).toEqual([]);
  });

  it('gives null where a score is 0/0', () => {
    expect(prf(0, 0, 0)).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
    // B marked nothing: precision undefined, recall 0, F1 = 2·0/(0 + 0 + 2) = 0.
    expect(spanScores([span('claim', 0, 3), span('claim', 5, 9)], [], 'strict').overall).toEqual({
      tp: 0,
      fp: 0,
      fn: 2,
      precision: null,
      recall: 0,
      f1: 0,
    });
    expect(spanScores([], [], 'lenient')).toEqual({ overall: prf(0, 0, 0), perLabel: {} });
  });
});

describe('tokenCategories', () => {
  // Tokens: Zoë 0–4 (e + U+0308), said 5–9, prices 10–16, rose 17–21, 😀 22–24 (a surrogate pair), . 24–25.
  const text = 'Zoe\u0308 said prices rose \u{1F600}.';

  it('marks a token "in" when it shares a character with a span of that label', () => {
    const spans = [span('speaker', 0, 3), span('claim', 10, 23), span('claim', 16, 17)];
    // speaker 0–3 leaves out the combining mark but still overlaps "Zoë".
    expect(tokenCategories(text, spans, 'speaker')).toEqual(['in', 'out', 'out', 'out', 'out', 'out']);
    // claim 10–23 ends inside the emoji's surrogate pair: the emoji token is still "in"; 16–17 (a space) adds none.
    expect(tokenCategories(text, spans, 'claim')).toEqual(['out', 'out', 'in', 'in', 'in', 'out']);
    expect(tokenCategories(text, spans, 'event')).toEqual(['out', 'out', 'out', 'out', 'out', 'out']);
  });
});
