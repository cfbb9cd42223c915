import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../annotations/dispatch';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service';
import { createReviewProgressState, reviewProgressRows } from '../../annotations/service/review-progress';
import { annotationOver, testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

describe('review/progress reads only the layers that changed', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let repo: LowdbRepository;
  /** The articles whose layer was read since the last look. */
  let reads: string[] = [];
  /** The store as the service sees it, its reads counted. */
  let counted: AnnotationRepository;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    repo = await openLowdbRepository(dir, { indexInBackground: false });
    const articles = await Promise.all(['a0', 'a1', 'a2', 'a3', 'a4', 'a5'].map((id) => testArticle(id)));
    await repo.addArticles(articles);
    // Two of the six annotated, by alice and bob apart.
    for (const article of articles.slice(1, 3))
      for (const annotator of ['alice', 'bob'])
        await repo.putAnnotation(
          annotationOver(
            article.text,
            article.id,
            `${annotator}-${article.id}`,
            'claim',
            { start: 13, end: 17 },
            {
              annotator,
            },
          ),
        );
    counted = {
      ...repo,
      readUnkept: (id, withText) => {
        reads.push(id);
        return repo.readUnkept!(id, withText);
      },
    };
    reads = [];
  });
  afterEach(async () => {
    await repo.close();
    await cleanup();
  });

  it('reads each annotated article once, then only the one edited, and never one without layers', async () => {
    const handlers = createHandlers(counted, { annotator: 'alice', annotatorGiven: true });
    const progress = async (args: object = {}) => {
      const envelope = await dispatch(handlers, 'review/progress', args);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.result as { articleId: string; differences: number; done: string[] }[];
    };

    const first = await progress();
    expect(first.map((r) => r.articleId)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(reads.sort()).toEqual(['a1', 'a2']);

    reads = [];
    expect(await progress()).toEqual(first);
    expect(reads).toEqual([]);

    await dispatch(handlers, 'documentLabels/set', { articleId: 'a2', done: true });
    reads = [];
    const after = await progress();
    expect(reads).toEqual(['a2']);
    expect(after.find((r) => r.articleId === 'a2')?.done).toEqual(['alice']);

    // Other layers compared: read once for them, then kept beside the first.
    reads = [];
    await progress({ annotators: ['bob', 'alice'] });
    expect(reads.sort()).toEqual(['a1', 'a2']);
    reads = [];
    await progress({ annotators: ['bob', 'alice'] });
    await progress();
    expect(reads).toEqual([]);
  });

  it('forgets the rows of articles whose layer files are gone', async () => {
    const state = createReviewProgressState();
    await repo.snapshot((view) => reviewProgressRows(counted, view, state));
    expect([...state.rows.keys()].sort()).toEqual(['a1', 'a2']);
    // As a sync that removed them would: the store reads its files again afterwards.
    await repo.offline(() => rm(join(dir, 'layers', 'a1'), { recursive: true, force: true }));
    reads = [];
    const rows = await repo.snapshot((view) => reviewProgressRows(counted, view, state));
    expect([...state.rows.keys()]).toEqual(['a2']);
    expect(reads).toEqual(['a2']);
    expect(rows.find((r) => r.articleId === 'a1')).toMatchObject({ layers: [], done: [], differences: 0 });
  });
});
