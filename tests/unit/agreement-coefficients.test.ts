import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  cohenKappaDetail,
  fleissKappa,
  fleissKappaDetail,
  krippendorffAlphaNominal,
  krippendorffAlphaNominalDetail,
} from '../../annotations/agreement/coefficients';

/** Two raters' lists from a contingency table: cells[i][j] units where rater A said categories[i], B categories[j]. */
function fromTable(categories: string[], cells: number[][]): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  cells.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) {
        a.push(categories[i]!);
        b.push(categories[j]!);
      }
    }),
  );
  return [a, b];
}

/** Fleiss rows from counts: counts[unit][category] raters put that unit in that category. */
function fromCounts(categories: string[], counts: number[][]): string[][] {
  return counts.map((row) => row.flatMap((count, j) => Array<string>(count).fill(categories[j]!)));
}

describe("Cohen's kappa", () => {
  it('matches the 2×2 worked example on Wikipedia (50 grant proposals): κ = 2/5', () => {
    // Both yes 20, A yes/B no 5, A no/B yes 10, both no 15; n = 50.
    // po = 35/50 = 0.7; A yes 25/50, B yes 30/50: pe = 0.5·0.6 + 0.5·0.4 = 0.5.
    // κ = (0.7 − 0.5)/(1 − 0.5) = 2/5.
    const [a, b] = fromTable(
      ['yes', 'no'],
      [
        [20, 5],
        [10, 15],
      ],
    );
    expect(cohenKappa(a, b)).toBeCloseTo(2 / 5, 9);
  });

  it('matches the 3×3 example of Cohen (1960, p. 45): po = .70, pc = .41, κ = 29/59 ≈ .492', () => {
    // Rows (A): 88 14 18 | 10 40 10 | 2 6 12; n = 200. Row sums 120, 60, 20; column sums 100, 60, 40.
    // po = (88 + 40 + 12)/200 = 140/200 = .70.
    // pc = (120·100 + 60·60 + 20·40)/200² = 16400/40000 = .41.
    // κ = (.70 − .41)/(1 − .41) = .29/.59 = 29/59.
    const [a, b] = fromTable(
      ['1', '2', '3'],
      [
        [88, 14, 18],
        [10, 40, 10],
        [2, 6, 12],
      ],
    );
    expect(cohenKappaDetail(a, b)).toEqual({ value: expect.closeTo(29 / 59, 9), units: 200 });
  });

  it('drops units where either value is null', () => {
    // Kept: (x,x) (y,y) (x,y): po = 2/3; A: x 2, y 1; B: x 1, y 2: pe = (2·1 + 1·2)/9 = 4/9.
    // κ = (2/3 − 4/9)/(1 − 4/9) = (2/9)/(5/9) = 2/5.
    const a = ['x', 'y', null, 'x', 'x'];
    const b = ['x', 'y', 'y', null, 'y'];
    expect(cohenKappaDetail(a, b)).toEqual({ value: expect.closeTo(2 / 5, 9), units: 3 });
  });

  it('is null with no unit left or when expected agreement is 1', () => {
    expect(cohenKappaDetail([null, 'x'], ['x', null])).toEqual({ value: null, units: 0 });
    expect(cohenKappaDetail(['x', 'x'], ['x', 'x'])).toEqual({ value: null, units: 2 });
    expect(() => cohenKappa(['x'], ['x', 'y'])).toThrow(/equally long/);
  });
});

describe("Fleiss' kappa", () => {
  it('matches the worked example of Wikipedia (10 subjects, 14 raters, 5 categories): κ = 4211/20059 ≈ 0.20993', () => {
    // Σ_j n_ij² per row: 196, 60, 70, 94, 74, 98, 58, 46, 66, 66; P_i = (Σ − 14)/(14·13):
    // numerators 182, 46, 56, 80, 60, 84, 44, 32, 52, 52 = 688, so P̄ = 688/1820.
    // Column sums 20, 28, 39, 21, 32 of 140: P̄e = (400 + 784 + 1521 + 441 + 1024)/140² = 4170/19600.
    // Over 254800: P̄ = 96320, P̄e = 54210; κ = (96320 − 54210)/(254800 − 54210) = 42110/200590 = 4211/20059.
    const rows = fromCounts(
      ['1', '2', '3', '4', '5'],
      [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
      ],
    );
    expect(fleissKappaDetail(rows)).toEqual({ value: expect.closeTo(4211 / 20059, 9), units: 10 });
  });

  it('drops rows with a null and is null when nothing is left or one category is used throughout', () => {
    // Kept rows (a,a,a) and (a,a,b): P_i = 1 and (4 + 1 − 3)/6 = 1/3, P̄ = 2/3.
    // a 5 of 6, b 1 of 6: P̄e = 25/36 + 1/36 = 26/36. κ = (24/36 − 26/36)/(10/36) = −1/5.
    expect(
      fleissKappaDetail([
        ['a', 'a', 'a'],
        ['a', null, 'b'],
        ['a', 'a', 'b'],
      ]),
    ).toEqual({ value: expect.closeTo(-1 / 5, 9), units: 2 });
    expect(fleissKappaDetail([['a', null]])).toEqual({ value: null, units: 0 });
    expect(
      fleissKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull();
    expect(() => fleissKappa([['a', 'a'], ['a']])).toThrow(/same number of raters/);
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it('matches Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability", 4 coders × 12 units: α = 113/152 ≈ 0.743', () => {
    // Unit 12 has one value and is not pairable; n.. = 40 pairable values.
    // Off-diagonal coincidences Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1): unit 2 (2,2,3,2): (16 − 10)/3 = 2;
    // unit 6 (1,2,3,4): (16 − 4)/3 = 4; unit 8 (1,1,2,1): (16 − 10)/3 = 2; the rest 0: total 8.
    // n_c: 1 → 9, 2 → 13, 3 → 10, 4 → 5, 5 → 3; Σ_{c≠k} n_c n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1216.
    // α = 1 − (n.. − 1)·8/1216 = 1 − 312/1216 = 1 − 39/152 = 113/152.
    const _ = null;
    const data = [
      ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
      ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
      [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
      ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
    ];
    expect(krippendorffAlphaNominalDetail(data)).toEqual({ value: expect.closeTo(113 / 152, 9), units: 11 });
  });

  it('matches a hand-derived case with missing values: α = 8/15', () => {
    // Units: (x,x,–) (x,y,y) (y,y,y) (–,x,–); the last has one value and is not pairable.
    // n.. = 2 + 3 + 3 = 8; n_x = 3, n_y = 5. Off-diagonal: unit 2: (9 − 5)/2 = 2.
    // Do = 2/8; De = (64 − 9 − 25)/(8·7) = 30/56; α = 1 − (2/8)/(30/56) = 1 − 14/30 = 8/15.
    const data = [
      ['x', 'x', 'y', null],
      ['x', 'y', 'y', 'x'],
      [null, 'y', 'y', null],
    ];
    expect(krippendorffAlphaNominalDetail(data)).toEqual({ value: expect.closeTo(8 / 15, 9), units: 3 });
  });

  it('is null when no value is pairable or only one category is used', () => {
    expect(
      krippendorffAlphaNominalDetail([
        ['x', null],
        [null, 'y'],
      ]),
    ).toEqual({ value: null, units: 0 });
    expect(
      krippendorffAlphaNominalDetail([
        ['x', 'x'],
        ['x', 'x'],
      ]),
    ).toEqual({ value: null, units: 2 });
    expect(krippendorffAlphaNominal([])).toBeNull();
  });
});

describe('weighted units', () => {
  it('give the same figures as the units repeated, for every coefficient', () => {
    // Three raters over four distinct patterns (one with a missing value), repeated 5, 1, 3 and 2 times.
    const patterns: (string | null)[][] = [
      ['in', 'in', 'in'],
      ['in', 'out', 'in'],
      ['out', 'out', 'out'],
      ['out', null, 'in'],
    ];
    const counts = [5, 1, 3, 2];
    const expanded = patterns.flatMap((row, i) => Array.from({ length: counts[i]! }, () => row));
    const byRater = (rows: (string | null)[][]) => [0, 1, 2].map((k) => rows.map((row) => row[k]!));
    const close = (a: number | null, b: number | null) => expect(Math.abs(a! - b!)).toBeLessThan(1e-12);

    const [a, b] = byRater(patterns);
    const [ea, eb] = byRater(expanded);
    const weighted = cohenKappaDetail(a!, b!, counts);
    const plain = cohenKappaDetail(ea!, eb!);
    close(weighted.value, plain.value);
    expect(weighted.units).toBe(plain.units);
    close(fleissKappaDetail(patterns, counts).value, fleissKappaDetail(expanded).value);
    expect(fleissKappaDetail(patterns, counts).units).toBe(9);
    const alpha = krippendorffAlphaNominalDetail(byRater(patterns), counts);
    close(alpha.value, krippendorffAlphaNominalDetail(byRater(expanded)).value);
    expect(alpha.units).toBe(11);
  });
});
