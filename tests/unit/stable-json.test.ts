import fc from 'fast-check';
import { expect, it } from 'vitest';
import { summarize } from '../../annotations/model';
import { stableJson } from '../../annotations/node/store-text-file';
import { testArticle } from '../support/store-records';

/** Keys sorted by building a sorted copy of every object, as the store first wrote them. */
function referenceStableJson(value: unknown): string {
  const sorted = (_key: string, v: unknown) =>
    !v || typeof v !== 'object' || Array.isArray(v)
      ? v
      : Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(value, sorted, 2)}\n`;
}

// Keys that sort differently as numbers and as text, and one the language treats specially.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', '10', '9', '', 'a', 'B', 'é'));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

it('the store writes the same text as before for any data, whatever order its keys were built in', () => {
  fc.assert(
    fc.property(json, (value) => {
      expect(stableJson(value)).toBe(referenceStableJson(value));
    }),
    { numRuns: 500 },
  );
});

it('an article summary is built with its keys in the order the store writes them', async () => {
  const summary = summarize(await testArticle('a1'));
  expect(Object.keys(summary)).toEqual(Object.keys(summary).sort());
  expect(stableJson(summary)).toBe(referenceStableJson(summary));
});
