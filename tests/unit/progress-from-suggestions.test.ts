import { expect, it } from 'vitest';
import type { ArticleLayer } from '../../annotations/model';
import { corpusFigures, summarizeLayer } from '../../annotations/review/corpus-figures';
import { fromSuggestions } from '../../renderer/src/Dashboard/assignment-progress';
import { testAnnotation } from '../support/store-records';

const layer = (annotations: ArticleLayer['annotations']): ArticleLayer => ({
  annotations,
  relations: [],
  documentLabels: [],
});
const by = (annotator: string, articleId: string, id: string, suggestedBy?: string) => ({
  ...testAnnotation(articleId, id),
  annotator,
  ...(suggestedBy ? { suggestedBy } : {}),
});

it('progress separates the spans accepted from suggestions from those tagged by hand, per annotator', () => {
  const figures = corpusFigures([
    summarizeLayer(layer([by('alice', 'a1', 'x1', 'gazetteer'), by('alice', 'a1', 'x2'), by('bob', 'a1', 'y1')])),
    summarizeLayer(layer([by('alice', 'a2', 'x3', 'attribution'), by('bob', 'a2', 'y2', 'learned')])),
    summarizeLayer(layer([])),
  ]);
  expect(figures.progress).toEqual([
    { annotator: 'alice', done: 0, annotated: 2, total: 3, spans: 3, fromSuggestions: 2 },
    { annotator: 'bob', done: 0, annotated: 2, total: 3, spans: 2, fromSuggestions: 1 },
  ]);
  expect(figures.progress.map(fromSuggestions)).toEqual(['2 (67%)', '1 (50%)']);
  expect(fromSuggestions({ spans: 0, fromSuggestions: 0 })).toBe('—');
});
