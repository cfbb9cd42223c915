import { describe, expect, it } from 'vitest';
import { attributeAgreement, attributeUnits, attributeValue } from '../../annotations/agreement/attribute-agreement';
import { krippendorffAlphaNominal } from '../../annotations/agreement/coefficients';
import type { AgreementInput, AgreementSpan } from '../../annotations/agreement/report';
import { agreementReport } from '../../annotations/agreement/report';
import { spanScores } from '../../annotations/agreement/span-scores';
import { tokenCategories } from '../../annotations/agreement/token-labels';

const close = (value: number) => expect.closeTo(value, 9);

/*
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
 * nominal data, four observers, twelve units, missing values (·):
 *
 *   unit  1  2  3  3  2  1  4  1  2  ·  ·  ·     observer A
 *         1  2  3  3  2  2  4  1  2  5  ·  3     observer B
 *         ·  3  3  3  2  3  4  2  2  5  1  ·     observer C
 *         1  2  3  3  2  4  4  1  2  5  1  ·     observer D
 *
 * Unit 12 has one value: not pairable. Pairable values n.. = 40: n₁ = 9,
 * n₂ = 13, n₃ = 10, n₄ = 5, n₅ = 3; Σ n_c² = 81 + 169 + 100 + 25 + 9 = 384.
 * Disagreements Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1): unit 2 (2,2,3,2) (16 − 10)/3 = 2,
 * unit 6 (1,2,3,4) 12/3 = 4, unit 8 (1,1,2,1) 2: total 8.
 * α = 1 − (n.. − 1)·8/(n..² − Σ n_c²) = 1 − 39·8/1216 = 113/152 = 0.743…, the paper's 0.743.
 */
const TABLE: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const CODERS = ['A', 'B', 'C', 'D'];

/**
 * Each observer's layer: every coder marks the same twelve claims (so each is
 * a unit), and leaves the verdict unset where the table has no value — null,
 * absent, or empty text, the three ways an unset value reaches the report.
 */
function layerOf(row: readonly (number | null)[], coder: number) {
  return row.map((v, u) => {
    const unset = [{ verdict: null }, {}, { verdict: '' }][(u + coder) % 3]!;
    return { label: 'claim', start: u * 10, end: u * 10 + 5, attributes: v === null ? unset : { verdict: `v${v}` } };
  });
}

const input: AgreementInput = {
  annotators: CODERS,
  labels: ['claim'],
  attributes: [{ label: 'claim', name: 'verdict' }],
  articles: [
    {
      id: 'k2011',
      text: 'x'.repeat(120),
      layers: Object.fromEntries(CODERS.map((name, k) => [name, { spans: layerOf(TABLE[k]!, k) }])),
    },
  ],
};

describe('unset attribute values are missing values, not a category', () => {
  it('treats absent, null and empty text as unset', () => {
    expect([undefined, null, ''].map(attributeValue)).toEqual([null, null, null]);
    expect([false, 0, 'no', []].map(attributeValue)).toEqual(['false', '0', '"no"', '[]']);
  });

  it("reproduces Krippendorff's (2011) worked example with missing values: α = 113/152 = 0.743", () => {
    const units = attributeUnits(
      CODERS.map((_, k) => layerOf(TABLE[k]!, k)),
      'claim',
      'verdict',
    );
    const result = attributeAgreement(CODERS, 'claim', 'verdict', [units]);
    expect(result.krippendorff.value).toBeCloseTo(113 / 152, 9);
    expect(result.krippendorff.value!.toFixed(3)).toBe('0.743');
    // Twelve spans all four marked; eleven are pairable (unit 12 has one value).
    expect(result.units).toBe(12);
    expect(result.krippendorff.units).toBe(11);
    // The whole report, the way the dashboard gets it, says the same.
    expect(agreementReport(input).corpus.attributes[0]!.krippendorff).toEqual({ value: close(113 / 152), units: 11 });
  });

  it('would give another figure if unset counted as a category: 64/111 instead of 113/152', () => {
    // With "unset" as a sixth value every unit is pairable: n.. = 48, n_unset = 7, n₃ = 11;
    // Σ n_c² = 81 + 169 + 121 + 25 + 9 + 49 = 454. Disagreements: units 1, 2, 8, 10, 12 give 2 each,
    // unit 6 gives 4, unit 11 (·,·,1,1) (16 − 8)/3 = 8/3: total 50/3.
    // α = 1 − 47·(50/3)/(2304 − 454) = 1 − 2350/5550 = 64/111 = 0.577.
    const asCategory = TABLE.map((row) => row.map((v) => (v === null ? 'unset' : `v${v}`)));
    expect(krippendorffAlphaNominal(asCategory)).toBeCloseTo(64 / 111, 9);
    expect(agreementReport(input).corpus.attributes[0]!.krippendorff.value).not.toBeCloseTo(64 / 111, 3);
  });

  it("Cohen's kappa and observed agreement use only the units both coders valued", () => {
    const result = agreementReport(input).corpus.attributes[0]!;
    // A–B: units 1–9 (A has none on 10–12). Agree on 8 of 9; A: 1×3, 2×3, 3×2, 4×1; B: 1×2, 2×4, 3×2, 4×1.
    // n²·pe = 3·2 + 3·4 + 2·2 + 1·1 = 23: κ = (9·8 − 23)/(81 − 23) = 49/58.
    expect(result.cohen[0]).toEqual({ a: 'A', b: 'B', value: close(49 / 58), units: 9 });
    // C–D: units 2–11 (C lacks 1 and 12, D lacks 12); agree on 2,3,4,5,7,9,10,11 = 8 of 10.
    expect(result.cohen.find((c) => c.a === 'C' && c.b === 'D')!.units).toBe(10);
    // Pairs of values on one unit: units 2–9 have 4 values (6 pairs each), units 1 and 10 have 3, unit 11 has 2:
    // 48 + 3 + 3 + 1 = 55. Agreeing: 3 + 3 + 6 + 6 + 6 + 0 + 6 + 3 + 6 + 3 + 1 = 43.
    expect(result).toMatchObject({ pairs: 55, agreeing: 43, observed: close(43 / 55) });
  });
});

describe('discontinuous spans are measured by their pieces', () => {
  // "He picked it up": fragments "picked" 3–9 and "up" 13–15; "it" 10–12 is the gap.
  const text = 'He picked it up today.';
  const picked: AgreementSpan = {
    label: 'verb',
    start: 3,
    end: 15,
    fragments: [seg(3, 9), seg(13, 15)],
    attributes: {},
  };
  const envelope: AgreementSpan = { label: 'verb', start: 3, end: 15, attributes: {} };
  const gap: AgreementSpan = { label: 'verb', start: 10, end: 12, attributes: {} };
  function seg(start: number, end: number) {
    return { start, end };
  }

  it('span scores: strict needs the same fragments; lenient needs a shared character of a piece', () => {
    expect(spanScores([picked], [{ ...picked, fragments: [seg(3, 9), seg(13, 15)] }], 'strict').overall.tp).toBe(1);
    expect(spanScores([picked], [envelope], 'strict').overall.tp).toBe(0);
    expect(spanScores([picked], [envelope], 'lenient').overall.tp).toBe(1);
    // A span in the gap shares no character with the pieces.
    expect(spanScores([picked], [gap], 'lenient').overall).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('token labels: the gap’s tokens are out', () => {
    // Tokens: He, picked, it, up, today, "."
    expect(tokenCategories(text, [picked], 'verb')).toEqual(['out', 'in', 'out', 'in', 'out', 'out']);
    expect(tokenCategories(text, [envelope], 'verb')).toEqual(['out', 'in', 'in', 'in', 'out', 'out']);
  });

  const report = (a: AgreementSpan, b: AgreementSpan) =>
    agreementReport({
      annotators: ['a', 'b'],
      labels: ['verb'],
      attributes: [{ label: 'verb', name: 'tense' }],
      articles: [{ id: 't', text, layers: { a: { spans: [a] }, b: { spans: [b] } } }],
    }).corpus;

  it('unitizing alpha: each fragment is a unit of the label, the gap is not', () => {
    // a's one discontinuous span and b's two spans over the same pieces mark the same characters: α = 1.
    const b = [
      { ...seg(3, 9), label: 'verb', attributes: {} },
      { ...seg(13, 15), label: 'verb', attributes: {} },
    ];
    const together = agreementReport({
      annotators: ['a', 'b'],
      labels: ['verb'],
      attributes: [],
      articles: [{ id: 't', text, layers: { a: { spans: [picked] }, b: { spans: b } } }],
    }).corpus;
    expect(together.unitizing.verb!.value).toBe(1);
    expect(report(picked, envelope).unitizing.verb!.value).toBeLessThan(1);
  });

  it('attribute units pair spans with the same fragments only', () => {
    const past = { attributes: { tense: 'past' } };
    // Without pieces, the envelope 3–15 would be the same unit as the discontinuous span.
    expect(report({ ...picked, ...past }, { ...picked, ...past }).attributes[0]).toMatchObject({ units: 1, pairs: 1 });
    expect(report({ ...picked, ...past }, { ...envelope, ...past }).attributes[0]).toMatchObject({
      units: 0,
      pairs: 0,
    });
  });
});
