import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { createHandlers } from '../../annotations/service';
import { useStoreOpener } from '../support/open-store';
import { testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());
const openStore = useStoreOpener();

describe('articles/page', () => {
  it('gives a window of the list with the count of all, and of the articles assigned to one annotator', async () => {
    const repo = await openStore(dir);
    await repo.addArticles(await Promise.all(Array.from({ length: 12 }, (_, i) => testArticle(`a${i}`))));
    await repo.updateProject((p) => ({
      ...p,
      team: {
        members: [{ name: 'ana', role: 'annotator' }],
        assignments: ['a1', 'a4', 'a5', 'a9'].map((articleId) => ({ annotator: 'ana', articleId })),
      },
    }));
    const handlers = createHandlers(repo, { annotator: 'ana' });
    const page = async (args: object) => {
      const envelope = await dispatch(handlers, 'articles/page', args);
      if (!envelope.ok) throw new Error(envelope.error.message);
      const result = envelope.result as ArticlePage;
      return { ...result, ids: result.articles.map((a) => a.id) };
    };

    expect(await page({ offset: 0, limit: 5 })).toMatchObject({
      total: 12,
      offset: 0,
      ids: ['a0', 'a1', 'a2', 'a3', 'a4'],
    });
    expect(await page({ offset: 10, limit: 5 })).toMatchObject({ total: 12, ids: ['a10', 'a11'] });
    expect(await page({ offset: 20, limit: 5 })).toMatchObject({ total: 12, ids: [] });
    expect(await page({ offset: 1, limit: 2, assignedTo: 'ana' })).toMatchObject({ total: 4, ids: ['a4', 'a5'] });
    expect(await page({ offset: 0, limit: 5, assignedTo: 'ben' })).toMatchObject({ total: 0, ids: [] });
    // Typed text narrows the list by title, case aside, with the assignment filter too.
    expect(await page({ offset: 0, limit: 5, titleContains: 'headline A1' })).toMatchObject({
      total: 3,
      ids: ['a1', 'a10', 'a11'],
    });
    expect(await page({ offset: 1, limit: 5, titleContains: 'A1', assignedTo: 'ana' })).toMatchObject({
      total: 1,
      ids: [],
    });
    expect(await page({ offset: 0, limit: 5, titleContains: 'nowhere' })).toMatchObject({ total: 0, ids: [] });
    expect((await dispatch(handlers, 'articles/page', { offset: 0, limit: 5, titleContains: ' ' })).ok).toBe(false);
    // The rows are the list's own summaries, as `articles/list` gives them.
    expect((await page({ offset: 3, limit: 1 })).articles).toEqual([repo.listArticles()[3]]);
    const refused = await dispatch(handlers, 'articles/page', { offset: -1, limit: 5 });
    expect(refused.ok).toBe(false);
  });
  it("gives the ids of a window, an article's neighbours, and the summaries of articles named", async () => {
    const repo = await openStore(dir);
    await repo.addArticles(await Promise.all(Array.from({ length: 6 }, (_, i) => testArticle(`a${i}`))));
    await repo.updateProject((p) => ({
      ...p,
      team: {
        members: [{ name: 'ana', role: 'annotator' }],
        assignments: ['a2', 'a3', 'a5'].map((articleId) => ({ annotator: 'ana', articleId })),
      },
    }));
    const handlers = createHandlers(repo, { annotator: 'ana' });
    const call = async (name: 'articles/ids' | 'articles/neighbours' | 'articles/summaries', args: object) => {
      const envelope = await dispatch(handlers, name, args);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.result as Record<string, unknown>;
    };
    const summary = (id: string) => repo.listArticles().find((a) => a.id === id);

    expect(await call('articles/ids', { offset: 1, limit: 3 })).toEqual({ total: 6, ids: ['a1', 'a2', 'a3'] });
    expect(await call('articles/ids', { offset: 1, limit: 10, assignedTo: 'ana' })).toEqual({
      total: 3,
      ids: ['a3', 'a5'],
    });
    expect(await call('articles/neighbours', { articleId: 'a3' })).toEqual({
      position: 3,
      total: 6,
      previous: summary('a2'),
      next: summary('a4'),
    });
    expect(await call('articles/neighbours', { articleId: 'a0' })).toMatchObject({ position: 0, previous: null });
    expect(await call('articles/neighbours', { articleId: 'a5' })).toMatchObject({ position: 5, next: null });
    // An article the store no longer holds: next is the first, as stepping through the whole list did.
    expect(await call('articles/neighbours', { articleId: 'gone' })).toEqual({
      position: null,
      total: 6,
      previous: null,
      next: summary('a0'),
    });
    expect(await call('articles/summaries', { articleIds: ['a4', 'gone', 'a1'] })).toEqual([
      summary('a4'),
      summary('a1'),
    ]);
    expect((await dispatch(handlers, 'articles/ids', { offset: 0, limit: 0 })).ok).toBe(false);
    expect((await dispatch(handlers, 'articles/summaries', { articleIds: ['../x'] })).ok).toBe(false);
  });
});
