import { describe, expect, it } from 'vitest';
import { normaliseSegments, unitizingAlpha, unitizingDisagreement } from '../../annotations/agreement/unitizing-alpha';

const seg = (start: number, end: number) => ({ start, end });

// Formulas (Krippendorff 1995; 2004 §12.4), m coders, continuum length L, N units of all coders:
//   Do = Σ_i Σ_{j≠i} Σ_g Σ_h δ² / (m(m−1)L²)
//   De = (2/L)·Σ_units [ (N−1)(2l³−3l²+l)/3 + l²·Σ_{gaps ≥ l}(gap − l + 1) ] / ( mL(mL−1) − Σ_units l(l−1) )
// δ² of two overlapping units: (start difference)² + (end difference)²; of a unit inside the other's gap: l².

describe("Krippendorff's unitizing alpha", () => {
  it('is 1 when the coders agree exactly, for two and for three coders', () => {
    // Do = 0; De > 0 because there are units (for [2,6): term (N−1)·84/3 > 0).
    expect(unitizingAlpha(10, [[seg(2, 6)], [seg(2, 6)]])).toBe(1);
    expect(
      unitizingAlpha(10, [
        [seg(0, 3), seg(5, 9)],
        [seg(0, 3), seg(5, 9)],
        [seg(0, 3), seg(5, 9)],
      ]),
    ).toBe(1);
  });

  it('matches a hand-derived case: [2,6) against [3,6) on L = 10 gives 969/1150', () => {
    // Coder 1: gap 2, unit 4, gap 4. Coder 2: gap 3, unit 3, gap 4.
    // Only the two units overlap: δ² = (2 − 3)² + (6 − 6)² = 1; both orders: 2. Do = 2/(2·1·100) = 1/100.
    // N = 2, gaps 2, 4, 3, 4. l = 4: (1/3)(128 − 48 + 4) = 28, plus 16·(1 + 1) = 32 → 60.
    // l = 3: (1/3)(54 − 27 + 3) = 10, plus 9·(2 + 2 + 1) = 45 → 55. Sum 115.
    // Denominator 20·19 − (12 + 6) = 362. De = (2/10)·115/362 = 23/362.
    // α = 1 − (1/100)/(23/362) = 1 − 181/1150 = 969/1150.
    const coders = [[seg(2, 6)], [seg(3, 6)]];
    const d = unitizingDisagreement(10, coders);
    expect(d.observed).toBeCloseTo(1 / 100, 9);
    expect(d.expected).toBeCloseTo(23 / 362, 9);
    expect(unitizingAlpha(10, coders)).toBeCloseTo(969 / 1150, 9);
  });

  it('counts a unit inside the other coder’s gap by its length squared: −13/10', () => {
    // Coder 2 marks nothing: one gap of 10. Unit [2,6) lies in it: δ² = 16, both orders 32; Do = 32/200 = 4/25.
    // N = 1 (first term 0); gaps 2, 4, 10: 16·((4 − 3) + (10 − 3)) = 128. Denominator 380 − 12 = 368.
    // De = (2/10)·128/368 = 8/115. α = 1 − (4/25)(115/8) = 1 − 23/10 = −13/10.
    const coders = [[seg(2, 6)], []];
    expect(unitizingDisagreement(10, coders).expected).toBeCloseTo(8 / 115, 9);
    expect(unitizingAlpha(10, coders)).toBeCloseTo(-13 / 10, 9);
  });

  it('averages over ordered pairs of three coders: −67/215', () => {
    // A = B = [2,6), C marks nothing. A–B: 0; A–C and B–C: 16 each way. Σ = 64; Do = 64/(3·2·100) = 8/75.
    // N = 2 (l = 4 twice); gaps 2, 4, 2, 4, 10: each unit 28 + 16·(1 + 1 + 7) = 172; sum 344.
    // Denominator 30·29 − 2·12 = 846. De = (2/10)·344/846 = 172/2115.
    // α = 1 − (8/75)(2115/172) = 1 − 282/215 = −67/215.
    expect(unitizingAlpha(10, [[seg(2, 6)], [seg(2, 6)], []])).toBeCloseTo(-67 / 215, 9);
  });

  it('keeps touching segments as two units but merges overlapping ones', () => {
    // Touching [2,4) [4,6) against [2,6): δ² = (0² + 2²) + (2² + 0²) = 8, both orders 16; Do = 16/200 = 2/25.
    // Units 2, 2, 4 (N = 3), gaps 2, 4, 2, 4. l = 2: (2/3)(16 − 12 + 2) = 4, plus 4·(1 + 3 + 1 + 3) = 32 → 36, twice 72.
    // l = 4: (2/3)(84) = 56, plus 16·(1 + 1) = 32 → 88. Sum 160; denominator 380 − (2 + 2 + 12) = 364.
    // De = (2/10)·160/364 = 8/91; α = 1 − (2/25)(91/8) = 1 − 91/100 = 9/100.
    expect(unitizingAlpha(10, [[seg(2, 4), seg(4, 6)], [seg(2, 6)]])).toBeCloseTo(9 / 100, 9);
    // Overlapping [2,4) and [3,6) merge into [2,6): the same as the hand-derived case above.
    expect(unitizingAlpha(10, [[seg(2, 4), seg(3, 6)], [seg(3, 6)]])).toBeCloseTo(969 / 1150, 9);
    expect(normaliseSegments(10, [seg(8, 14), seg(3, 6), seg(2, 4), seg(5, 5)])).toEqual([seg(2, 6), seg(8, 10)]);
  });

  // Krippendorff (2004), Content Analysis 2nd ed., §12.4 worked example, with its data and published values
  // as given in DKPro Statistics' Krippendorff2004Test (the book itself was not available here).
  it('reproduces the worked example of Krippendorff (2004, Content Analysis 2nd ed., §12.4)', () => {
    // Continuum 150–450 (shifted to 0–300), two coders. Category c: coder i units 225–295 (70), 370–400 (30);
    // coder j 220–300 (80), 355–375 (20), 400–420 (20). Published: cDo = .0144, cDe = .0532, cα = .7286.
    // δ²: 225–295 v 220–300: 5² + 5² = 50; 370–400 v 355–375: 15² + 25² = 850; j's 400–420 inside i's gap
    // 400–450: 20² = 400. Both orders: 2600; Do = 2600/(2·300²) = 13/900 ≈ .0144.
    // N = 5; gaps 75, 75, 50, 70, 55, 25, 30. First terms (4/3)·l(l−1)(2l−1): 895160 + 68440 + 1339840 + 2·19760
    // = 2342960. Second terms l²·Σ(gap − l + 1): 4900·13 + 900·181 + 0 + 2·400·247 = 424200. Sum 2767160.
    // Denominator 600·599 − (4830 + 870 + 6320 + 380 + 380) = 346620.
    // De = (2/300)·2767160/346620 = 69179/1299825 ≈ .0532. α = 1 − (13/900)/(69179/1299825) = 201615/276716 ≈ .7286.
    const c = [
      [seg(75, 145), seg(220, 250)],
      [seg(70, 150), seg(205, 225), seg(250, 270)],
    ];
    const d = unitizingDisagreement(300, c);
    expect(d.observed).toBeCloseTo(13 / 900, 9);
    expect(d.expected).toBeCloseTo(69179 / 1299825, 9);
    expect(unitizingAlpha(300, c)).toBeCloseTo(201615 / 276716, 9);
    expect(Number((unitizingAlpha(300, c) ?? 0).toFixed(4))).toBe(0.7286);
    // Category k: both coders 180–240 and 300–350. Published: kDo = 0, kDe = .0490, kα = 1.
    // N = 4; gaps 30, 60, 100 per coder. First terms (3/3)·l(l−1)(2l−1): 2·(421260 + 242550) = 1327620.
    // Second terms: a unit of 60 fits 1 + 41 places in each coder's gaps: 3600·84 = 302400 (twice); a unit of 50
    // fits 11 + 51: 2500·124 = 310000 (twice). Sum 2552420. Denominator 359400 − 2·(3540 + 2450) = 347420.
    // De = (2/300)·2552420/347420 = 127621/2605650 ≈ .0490.
    const k = [
      [seg(30, 90), seg(150, 200)],
      [seg(30, 90), seg(150, 200)],
    ];
    expect(unitizingDisagreement(300, k)).toEqual({ observed: 0, expected: expect.closeTo(127621 / 2605650, 9) });
    expect(unitizingAlpha(300, k)).toBe(1);
  });

  it('is null when undefined: no unit at all, fewer than two coders, an empty continuum', () => {
    expect(unitizingAlpha(10, [[], []])).toBeNull();
    expect(unitizingAlpha(10, [[seg(2, 6)]])).toBeNull();
    expect(unitizingAlpha(0, [[seg(0, 0)], []])).toBeNull();
    // Every section a one-character unit: De = 0.
    expect(unitizingAlpha(1, [[seg(0, 1)], [seg(0, 1)]])).toBeNull();
  });
});
