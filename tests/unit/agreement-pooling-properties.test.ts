import fc from 'fast-check';
import { describe, it } from 'vitest';
import { articleStats, unreadStats } from '../../annotations/agreement/article-stats';
import { pooledFigures } from '../../annotations/agreement/pooled-figures';
import type { AgreementInput, AgreementSpan } from '../../annotations/agreement/report';
import { agreementReport } from '../../annotations/agreement/report';
import { referenceAgreementReport } from '../support/agreement-reference';

const NAMES = ['ann', 'bob', 'cy', 'dee'];
const LABELS = ['claim', 'speaker', 'place'];
const WORDS = ['a', 'bb', 'ccc', 'Zoe\u0308', '\u{1F600}', 'dddd', '.'];

/** A text of short words, and spans (some in pieces) of the labels over it, a few reaching past its end. */
const article = (annotators: readonly string[]) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 14 }).chain((words) => {
    const text = words.join(' ');
    const at = fc.integer({ min: 0, max: text.length + 2 });
    const span: fc.Arbitrary<AgreementSpan> = fc
      .record({
        label: fc.constantFrom(...LABELS),
        a: at,
        b: at,
        cut: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        verdict: fc.constantFrom(undefined, '', 'true', 'false', 'mixed'),
        flag: fc.constantFrom(undefined, true, false),
      })
      .map(({ label, a, b, cut, verdict, flag }) => {
        const [start, end] = a <= b ? [a, Math.max(b, a + 1)] : [b, a];
        const attributes = { verdict, flag };
        // Two pieces with a gap between them, where the span is long enough.
        if (cut && end - start > cut + 1) {
          const fragments = [
            { start, end: start + 1 },
            { start: start + 1 + cut, end },
          ];
          return { label, start, end, fragments, attributes };
        }
        return { label, start, end, attributes };
      });
    const layer = fc.option(fc.record({ spans: fc.array(span, { maxLength: 6 }) }), { nil: null, freq: 4 });
    return fc.record({
      text: fc.constant(text),
      layers: fc
        .tuple(...annotators.map(() => layer))
        .map((ls) => Object.fromEntries(annotators.map((n, i) => [n, ls[i]!]))),
    });
  });

const input: fc.Arbitrary<AgreementInput> = fc
  .record({
    annotators: fc.integer({ min: 0, max: NAMES.length }).map((n) => NAMES.slice(0, n)),
    labels: fc.subarray(LABELS, { minLength: 1 }),
    attributes: fc.subarray([
      { label: 'claim', name: 'verdict' },
      { label: 'claim', name: 'flag' },
      { label: 'speaker', name: 'verdict' },
    ]),
  })
  .chain((config) =>
    fc
      .array(article(config.annotators), { maxLength: 6 })
      .map((articles) => ({ ...config, articles: articles.map((a, k) => ({ id: `a${k}`, ...a })) })),
  );

/** Equal, numbers to 1e-9 (relative where large): a sum taken in another order may differ in its last bits. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected)))
      throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') throw new Error(`${path}: ${String(actual)} is no object`);
    const keys = Object.keys(expected).sort().join(',');
    if (Object.keys(actual).sort().join(',') !== keys)
      throw new Error(`${path}: keys ${Object.keys(actual).join(',')} ≠ ${keys}`);
    for (const key of Object.keys(expected))
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${String(actual)} ≠ ${String(expected)}`);
}

describe('agreement pooled from per-article statistics', () => {
  it('equals the report computed from every article’s spans at once, corpus and per article', () => {
    fc.assert(
      fc.property(input, (data) => {
        expectClose(agreementReport(data), referenceAgreementReport(data));
      }),
      { numRuns: 200 },
    );
  });

  it('stays the same when an article fewer than two layers meet on is left unread, only its length known', () => {
    fc.assert(
      fc.property(input, (data) => {
        const stats = data.articles.map((a) => {
          const full = articleStats(data, a);
          return full.present.filter(Boolean).length < 2 ? unreadStats(data, a.id, a.text.length, full.present) : full;
        });
        expectClose(pooledFigures(data, stats, 'corpus'), referenceAgreementReport(data).corpus);
      }),
      { numRuns: 200 },
    );
  });
});
