import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../annotations/dispatch';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service';
import { createReviewProgressState, reviewProgressRows } from '../../annotations/service/review-progress';
import { referenceReviewProgress } from '../support/review-progress-reference';
import { annotationOver, STAMP, testArticle } from '../support/store-records';
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

  it('keeps no stale row of a layer edited while a first reading of every article runs', async () => {
    // The first reading stops once it has read a1, until the edits below are made.
    let reached = () => {};
    const atA1 = new Promise<void>((resolve) => (reached = resolve));
    let go = () => {};
    const gate = new Promise<void>((resolve) => (go = resolve));
    const paused: AnnotationRepository = {
      ...repo,
      readUnkept: async (id, withText) => {
        const read = await repo.readUnkept!(id, withText);
        if (id === 'a1') {
          reached();
          await gate;
        }
        return read;
      },
    };
    const handlers = createHandlers(paused, { annotator: 'alice', annotatorGiven: true });
    const first = dispatch(handlers, 'review/summary', {});
    await atA1;
    // An edit through the store waits for the reading; one by hand (bob's layer of a3, not listed then) does not.
    const edit = dispatch(handlers, 'documentLabels/set', { articleId: 'a2', done: true });
    const bob = join(dir, 'layers', 'a3', 'bob.json');
    await mkdir(join(bob, '..'), { recursive: true });
    const layer = {
      schemaVersion: 2,
      articleId: 'a3',
      annotator: 'bob',
      annotations: [],
      relations: [],
      documentLabels: [{ annotator: 'bob', labels: {}, done: true, updatedAt: STAMP }],
    };
    await writeFile(`${bob}.new`, JSON.stringify(layer));
    await rename(`${bob}.new`, bob);
    go();
    expect((await first).ok).toBe(true);
    expect((await edit).ok).toBe(true);

    const after = await dispatch(handlers, 'review/progress', {});
    const fresh = await repo.snapshot((view) =>
      referenceReviewProgress({ ...view, readLayer: async (id) => (await repo.readUnkept!(id, false)).layer }),
    );
    expect(after).toEqual({ ok: true, result: fresh });
    expect(fresh.find((r) => r.articleId === 'a3')?.done).toEqual(['bob']);
    expect(fresh.find((r) => r.articleId === 'a2')?.done).toEqual(['alice']);
  });
});
