import { describe, expect, it } from 'vitest';
import type { AgreementInput, AgreementReport } from '../../annotations/agreement/report';
import { agreementReport } from '../../annotations/agreement/report';

type Attrs = Record<string, unknown>;
const claim = (start: number, end: number, attributes: Attrs = {}) => ({ label: 'claim', start, end, attributes });
const speaker = (start: number, end: number) => ({ label: 'speaker', start, end, attributes: {} });

// a1: tokens Zoë 0–4 (e + U+0308), said 5–9, prices 10–16, rose 17–21, 😀 22–24 (surrogate pair), . 24–25.
// a2: It 0–2, rained 3–9, . 9–10 (cy has not annotated it). a3: No 0–2, . 2–3.
const input: AgreementInput = {
  annotators: ['ann', 'bob', 'cy'],
  labels: ['claim', 'speaker'],
  attributes: [
    { label: 'claim', name: 'verdict' },
    { label: 'claim', name: 'checkWorthiness' },
  ],
  articles: [
    {
      id: 'a1',
      text: 'Zoe\u0308 said prices rose \u{1F600}.',
      layers: {
        ann: { spans: [speaker(0, 4), claim(10, 24, { verdict: 'false', checkWorthiness: 3 })] },
        bob: { spans: [speaker(0, 4), claim(10, 24, { verdict: 'false', checkWorthiness: 3 })] },
        cy: { spans: [speaker(0, 3), claim(10, 21, { verdict: 'true', checkWorthiness: 2 })] },
      },
    },
    {
      id: 'a2',
      text: 'It rained.',
      layers: {
        ann: { spans: [claim(0, 10, { verdict: 'true' })] },
        bob: { spans: [claim(3, 10)] },
        cy: null,
      },
    },
    {
      id: 'a3',
      text: 'No.',
      layers: {
        ann: { spans: [claim(0, 3, { verdict: 'false', checkWorthiness: 3 })] },
        bob: { spans: [claim(0, 3, { verdict: 'true', checkWorthiness: null })] },
        cy: { spans: [claim(0, 3, { verdict: 'true', checkWorthiness: 3 })] },
      },
    },
  ],
};

const close = (v: number) => expect.closeTo(v, 9);
const measured = (value: number | null, units: number) => ({ value: value === null ? null : close(value), units });
const p = (tp: number, fp: number, fn: number, precision: number | null, recall: number | null, f1: number | null) => ({
  tp,
  fp,
  fn,
  precision: precision === null ? null : close(precision),
  recall: recall === null ? null : close(recall),
  f1: f1 === null ? null : close(f1),
});

describe('agreementReport', () => {
  const report: AgreementReport = agreementReport(input);
  const [a1, a2, a3] = report.articles;

  it('span scores per pair, per article and pooled (not averaged) for the corpus', () => {
    // a1: ann and bob agree exactly. cy's speaker 0–3 drops the combining mark and her claim 10–21 stops before
    // the emoji: strict 0 of 2, lenient 2 of 2.
    expect(a1!.spans[0]).toMatchObject({ a: 'ann', b: 'bob', articles: 1, strict: { overall: p(2, 0, 0, 1, 1, 1) } });
    expect(a1!.spans[1]).toMatchObject({
      a: 'ann',
      b: 'cy',
      strict: { overall: p(0, 2, 2, 0, 0, 0), perLabel: { claim: p(0, 1, 1, 0, 0, 0), speaker: p(0, 1, 1, 0, 0, 0) } },
      lenient: { overall: p(2, 0, 0, 1, 1, 1) },
    });
    // a2: cy has no layer, so her pairs compare nothing; ann–bob: 0–10 v 3–10. No speaker: all null.
    expect(a2!.spans[1]).toEqual({
      a: 'ann',
      b: 'cy',
      articles: 0,
      strict: {
        overall: p(0, 0, 0, null, null, null),
        perLabel: { claim: p(0, 0, 0, null, null, null), speaker: p(0, 0, 0, null, null, null) },
      },
      lenient: {
        overall: p(0, 0, 0, null, null, null),
        perLabel: { claim: p(0, 0, 0, null, null, null), speaker: p(0, 0, 0, null, null, null) },
      },
    });
    expect(a2!.spans[0]).toMatchObject({
      strict: { overall: p(0, 1, 1, 0, 0, 0), perLabel: { speaker: p(0, 0, 0, null, null, null) } },
      lenient: { overall: p(1, 0, 0, 1, 1, 1) },
    });
    // Corpus ann–bob over 3 articles. strict claim: a1 tp, a2 fp + fn, a3 tp → tp 2 fp 1 fn 1 (2/3);
    // speaker tp 1; overall tp 3 fp 1 fn 1: P = R = F1 = 3/4. lenient: tp 4, all 1.
    expect(report.corpus.spans[0]).toEqual({
      a: 'ann',
      b: 'bob',
      articles: 3,
      strict: {
        overall: p(3, 1, 1, 3 / 4, 3 / 4, 3 / 4),
        perLabel: { claim: p(2, 1, 1, 2 / 3, 2 / 3, 2 / 3), speaker: p(1, 0, 0, 1, 1, 1) },
      },
      lenient: { overall: p(4, 0, 0, 1, 1, 1), perLabel: { claim: p(3, 0, 0, 1, 1, 1), speaker: p(1, 0, 0, 1, 1, 1) } },
    });
    // Corpus bob–cy over a1 and a3: claim a1 fp + fn, a3 tp → 1/2; speaker 0; overall tp 1 fp 2 fn 2 → 1/3.
    expect(report.corpus.spans[2]).toMatchObject({
      a: 'bob',
      b: 'cy',
      articles: 2,
      strict: {
        overall: p(1, 2, 2, 1 / 3, 1 / 3, 1 / 3),
        perLabel: { claim: p(1, 1, 1, 1 / 2, 1 / 2, 1 / 2), speaker: p(0, 1, 1, 0, 0, 0) },
      },
      lenient: { overall: p(3, 0, 0, 1, 1, 1) },
    });
  });

  it('token coefficients in a1: one disagreement, on the emoji token', () => {
    // claim: ann = bob = out out in in in out; cy = out out in in out out.
    // Cohen ann–cy: n 6, agree 5; ann in 3 out 3, cy in 2 out 4: chance 3·2 + 3·4 = 18: (6·5 − 18)/(36 − 18) = 2/3.
    // Fleiss: P_i 1 ×5 and (4 + 1 − 3)/6 = 1/3: P̄ = 8/9; in 8 of 18, out 10: P̄e = 41/81; κ = (72 − 41)/40 = 31/40.
    // Krippendorff: n.. 18, off-diagonal (9 − 5)/2 = 2, chance 324 − 64 − 100 = 160: α = 1 − 17·2/160 = 63/80.
    expect(a1!.tokens.perLabel.claim).toEqual({
      cohen: [
        { a: 'ann', b: 'bob', ...measured(1, 6) },
        { a: 'ann', b: 'cy', ...measured(2 / 3, 6) },
        { a: 'bob', b: 'cy', ...measured(2 / 3, 6) },
      ],
      fleiss: measured(31 / 40, 6),
      krippendorff: measured(63 / 80, 6),
    });
    // speaker: everyone marks "Zoë" only (cy's 0–3 overlaps it): all 1.
    expect(a1!.tokens.perLabel.speaker!.fleiss).toEqual(measured(1, 6));
    expect(a1!.tokens.perLabel.speaker!.krippendorff).toEqual(measured(1, 6));
    // overall: 12 (token, label) units. ann, bob: in 4 out 8; cy: in 3 out 9.
    // Cohen ann–cy: agree 11; chance 4·3 + 8·9 = 84: (12·11 − 84)/(144 − 84) = 4/5.
    // Fleiss: P̄ = (11 + 1/3)/12 = 17/18; in 11, out 25 of 36: P̄e = 746/1296; κ = (1224 − 746)/(1296 − 746) = 239/275.
    // Krippendorff: n.. 36, off-diagonal 2, chance 1296 − 121 − 625 = 550: α = 1 − 35·2/550 = 48/55.
    expect(a1!.tokens.overall).toEqual({
      cohen: [
        { a: 'ann', b: 'bob', ...measured(1, 12) },
        { a: 'ann', b: 'cy', ...measured(4 / 5, 12) },
        { a: 'bob', b: 'cy', ...measured(4 / 5, 12) },
      ],
      fleiss: measured(239 / 275, 12),
      krippendorff: measured(48 / 55, 12),
    });
  });

  it('token coefficients with a missing layer (a2) and with no variation (a3)', () => {
    // a2 claim: ann in in in, bob out in in, cy missing. Cohen ann–bob: agree 2, chance 3·2 = 6: (6 − 6)/(9 − 6) = 0.
    // Fleiss: no unit where all three have a layer. Krippendorff: n.. 6, off-diagonal 2, in 5 out 1,
    // chance 36 − 25 − 1 = 10: α = 1 − 5·2/10 = 0.
    expect(a2!.tokens.perLabel.claim).toEqual({
      cohen: [
        { a: 'ann', b: 'bob', ...measured(0, 3) },
        { a: 'ann', b: 'cy', ...measured(null, 0) },
        { a: 'bob', b: 'cy', ...measured(null, 0) },
      ],
      fleiss: measured(null, 0),
      krippendorff: measured(0, 3),
    });
    // a2 speaker: all "out": expected agreement 1, expected disagreement 0: undefined.
    expect(a2!.tokens.perLabel.speaker!.cohen[0]).toEqual({ a: 'ann', b: 'bob', ...measured(null, 3) });
    expect(a2!.tokens.perLabel.speaker!.krippendorff).toEqual(measured(null, 3));
    // a2 overall: ann in 3 out 3, bob in 2 out 4, agree 5: (30 − 18)/(36 − 18) = 2/3.
    // Krippendorff: n.. 12, in 5 out 7, chance 144 − 25 − 49 = 70: α = 1 − 11·2/70 = 24/35.
    expect(a2!.tokens.overall.cohen[0]).toEqual({ a: 'ann', b: 'bob', ...measured(2 / 3, 6) });
    expect(a2!.tokens.overall.krippendorff).toEqual(measured(24 / 35, 6));
    // a3 claim: everyone "in" on both tokens.
    expect(a3!.tokens.perLabel.claim!.fleiss).toEqual(measured(null, 2));
  });

  it('token coefficients for the corpus pool the units of all articles', () => {
    // claim, 11 units per annotator: ann in 8 out 3; bob in 7 out 4; cy (a1, a3) in 4 out 4.
    // Cohen ann–bob: agree 6 + 2 + 2 = 10, chance 8·7 + 3·4 = 68: (110 − 68)/(121 − 68) = 42/53.
    // Cohen ann–cy on a1 + a3 (8): agree 7; ann in 5 out 3, cy in 4 out 4: chance 32: (56 − 32)/(64 − 32) = 3/4.
    // Fleiss on a1 + a3 (8 rows): P̄ = (7 + 1/3)/8 = 11/12; in 14, out 10 of 24: P̄e = 296/576 = 37/72;
    // κ = (66 − 37)/(72 − 37) = 29/35.
    // Krippendorff: n.. 18 + 6 + 6 = 30, off-diagonal 2 + 2 = 4, in 19 out 11, chance 900 − 361 − 121 = 418:
    // α = 1 − 29·4/418 = 151/209.
    expect(report.corpus.tokens.perLabel.claim).toEqual({
      cohen: [
        { a: 'ann', b: 'bob', ...measured(42 / 53, 11) },
        { a: 'ann', b: 'cy', ...measured(3 / 4, 8) },
        { a: 'bob', b: 'cy', ...measured(3 / 4, 8) },
      ],
      fleiss: measured(29 / 35, 8),
      krippendorff: measured(151 / 209, 11),
    });
    // overall, 22 units: ann in 9 out 13; bob in 8 out 14; cy (16) in 5 out 11.
    // Cohen ann–bob: agree 21, chance 9·8 + 13·14 = 254: (462 − 254)/(484 − 254) = 104/115.
    // Cohen ann–cy (16): agree 15; ann in 6 out 10; chance 6·5 + 10·11 = 140: (240 − 140)/(256 − 140) = 25/29.
    // Fleiss (16 rows): P̄ = (15 + 1/3)/16 = 23/24; in 17 out 31 of 48: P̄e = 1250/2304;
    // κ = (2208 − 1250)/(2304 − 1250) = 479/527.
    // Krippendorff: n.. 60, off-diagonal 4, in 22 out 38, chance 3600 − 484 − 1444 = 1672: α = 1 − 59·4/1672 = 359/418.
    expect(report.corpus.tokens.overall).toEqual({
      cohen: [
        { a: 'ann', b: 'bob', ...measured(104 / 115, 22) },
        { a: 'ann', b: 'cy', ...measured(25 / 29, 16) },
        { a: 'bob', b: 'cy', ...measured(25 / 29, 16) },
      ],
      fleiss: measured(479 / 527, 16),
      krippendorff: measured(359 / 418, 22),
    });
  });

  it('unitizing alpha per article and on the concatenated continuum', () => {
    // a1 claim, L 25: ann = bob: gap 10, unit 14, gap 1; cy: gap 10, unit 11, gap 4.
    // δ² ann–cy = bob–cy = 0² + 3² = 9; Σ over ordered pairs 36; Do = 36/(3·2·625) = 6/625.
    // N 3; (2/3)(2l³ − 3l² + l): l 14 → 3276 (twice), l 11 → 1540; no gap ≥ 11. Sum 8092.
    // Denominator 75·74 − (182 + 182 + 110) = 5076. De = (2/25)·8092/5076 = 4046/31725.
    // α = 1 − (6/625)(31725/4046) = 1 − 3807/50575 = 46768/50575.
    expect(a1!.unitizing.claim).toEqual({ value: close(46768 / 50575), coders: 3, articles: 1, length: 25 });
    // a1 speaker: ann = bob 0–4, cy 0–3. δ² 1 per pair with cy; Σ 4; Do = 4/3750.
    // l 4: 56 + 16·(18 + 18 + 19) = 936 (twice); l 3: 20 + 9·(19 + 19 + 20) = 542. Sum 2414.
    // Denominator 5550 − 30 = 5520. De = (2/25)·2414/5520 = 1207/34500. α = 1 − 184/6035 = 5851/6035.
    expect(a1!.unitizing.speaker).toEqual({ value: close(5851 / 6035), coders: 3, articles: 1, length: 25 });
    // a2: only ann and bob. claim ann 0–10, bob 0–3 gap + 3–10: δ² 9, Σ 18, Do = 18/200 = 9/100.
    // l 10: 1710/3 = 570; l 7: 546/3 = 182; gap 3 fits neither. Denominator 380 − 90 − 42 = 248.
    // De = (2/10)·752/248 = 94/155. α = 1 − (9/100)(155/94) = 1601/1880.
    expect(a2!.unitizing.claim).toEqual({ value: close(1601 / 1880), coders: 2, articles: 1, length: 10 });
    // a2 speaker: no unit at all: undefined.
    expect(a2!.unitizing.speaker).toEqual({ value: null, coders: 2, articles: 1, length: 10 });
    // Corpus: a1 and a3 (the articles where all three have a layer), end to end: L 28.
    // claim: ann = bob: gap 10, unit 14, gap 1, unit 3 (25–28); cy: gap 10, unit 11, gap 4, unit 3.
    // Σ δ² 36 as in a1; Do = 36/(6·784) = 3/392. N 6: (5/3)(2l³ − 3l² + l): 14 → 8190 (twice), 11 → 3850,
    // 3 → 50 (three times) plus 9·(8 + 8 + 8 + 2) = 234 each. Sum 16380 + 3850 + 852 = 21082.
    // Denominator 84·83 − (182·2 + 110 + 6·3) = 6480. De = (2/28)·21082/6480 = 10541/45360.
    // α = 1 − (3/392)(45360/10541) = 1 − 2430/73787 = 71357/73787.
    expect(report.corpus.unitizing.claim).toEqual({ value: close(71357 / 73787), coders: 3, articles: 2, length: 28 });
    // speaker on L 28: Do = 4/4704 = 1/1176. l 4: 56 + 16·(21 + 21 + 22) = 1080 (twice); l 3: 20 + 9·(22 + 22 + 23)
    // = 623. Sum 2783; denominator 6972 − 30 = 6942; De = 2783/97188. α = 1 − 1157/38962 = 37805/38962.
    expect(report.corpus.unitizing.speaker).toEqual({
      value: close(37805 / 38962),
      coders: 3,
      articles: 2,
      length: 28,
    });
  });

  it('attribute agreement on spans that at least two annotators have exactly', () => {
    // verdict units: a1 10–24 (ann "false", bob "false"; cy has 10–21 instead: missing);
    // a3 0–3 (ann "false", bob "true", cy "true"). Pairs 1 + 3 = 4, agreeing 1 + 1 = 2.
    // Cohen ann–bob: (false,false) (false,true): agree 1, chance 2·1 = 2: (2 − 2)/(4 − 2) = 0.
    // ann–cy: one unit, false v true: chance 0, κ = 0. bob–cy: one unit, true = true: expected agreement 1: undefined.
    // Krippendorff: n.. 5, off-diagonal (9 − 5)/2 = 2, false 3 true 2, chance 25 − 9 − 4 = 12: α = 1 − 4·2/12 = 1/3.
    expect(report.corpus.attributes[0]).toEqual({
      label: 'claim',
      name: 'verdict',
      units: 2,
      pairs: 4,
      agreeing: 2,
      observed: close(1 / 2),
      cohen: [
        { a: 'ann', b: 'bob', ...measured(0, 2) },
        { a: 'ann', b: 'cy', ...measured(0, 1) },
        { a: 'bob', b: 'cy', ...measured(null, 1) },
      ],
      krippendorff: measured(1 / 3, 2),
    });
    // a3 alone: pairs 3, agreeing 1; false 1 true 2, chance 9 − 1 − 4 = 4: α = 1 − 2·2/4 = 0.
    expect(a3!.attributes[0]).toMatchObject({ units: 1, pairs: 3, agreeing: 1, observed: close(1 / 3) });
    expect(a3!.attributes[0]!.krippendorff).toEqual(measured(0, 1));
    // checkWorthiness: a1 (3, 3, –), a3 (3, null, 3): every value 3. Pairs 2, both agree; no variation: undefined.
    expect(report.corpus.attributes[1]).toMatchObject({
      name: 'checkWorthiness',
      units: 2,
      pairs: 2,
      agreeing: 2,
      observed: 1,
      krippendorff: measured(null, 2),
    });
    // a2: ann's 0–10 and bob's 3–10 differ: no unit.
    expect(a2!.attributes[0]).toMatchObject({ units: 0, pairs: 0, agreeing: 0, observed: null });
  });
});
