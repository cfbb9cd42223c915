import { expect, it } from 'vitest';
import { describeCounts, describeLayer, noCounts, sumCounts, summaryOf } from '../../annotations/imports/import-report';

it('says what a file added, by kind, and nothing when it added nothing', () => {
  const counts = { articles: 2, annotations: { speaker: 2, claim: 3 }, links: 1, entities: 1, events: 0 };
  expect(describeCounts(counts)).toBe('2 articles, 5 annotations (claim 3, speaker 2), 1 link, 1 entity');
  expect(summaryOf({ added: counts, duplicates: 1 })).toBe(
    'imported 2 articles, 5 annotations (claim 3, speaker 2), 1 link, 1 entity; 1 already in the store',
  );
  expect(summaryOf({ added: noCounts(), duplicates: 3 })).toBe('nothing imported; 3 already in the store');
  expect(describeLayer({ annotator: 'bob', added: 3, removed: 1, changed: 0 })).toBe(
    'layer of bob: 3 added, 1 removed',
  );
  expect(describeLayer({ annotator: 'bob', added: 0, removed: 0, changed: 0 })).toBe('layer of bob: unchanged');
  expect(sumCounts([counts, { ...noCounts(), annotations: { claim: 1 }, events: 2 }])).toEqual({
    articles: 2,
    annotations: { claim: 4, speaker: 2 },
    links: 1,
    entities: 1,
    events: 2,
  });
});
