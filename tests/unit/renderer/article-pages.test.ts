import { describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../../annotations/contract';
import type { ArticleSummary } from '../../../annotations/model';
import { PAGE_SIZE, createArticlePages } from '../../../renderer/src/ArticleList/article-pages';

const summary = (id: string): ArticleSummary => ({
  id,
  title: `Title ${id}`,
  source: 'test',
  addedAt: '2026-01-01T00:00:00.000Z',
  contentHash: `sha256:${'0'.repeat(64)}`,
  length: 1,
});

/** A server of `count` articles named by `prefix`, noting each window asked for; `hold` keeps answers back. */
function server(count: number, prefix = 'a') {
  const asked: number[] = [];
  const held: (() => void)[] = [];
  let list = Array.from({ length: count }, (_, i) => summary(`${prefix}${i}`));
  let hold = false;
  const fetchPage = (offset: number, limit: number) => {
    asked.push(offset);
    const answer = (): ArticlePage => ({ total: list.length, offset, articles: list.slice(offset, offset + limit) });
    if (!hold) return Promise.resolve(answer());
    const snapshot = answer();
    return new Promise<ArticlePage>((resolve) => held.push(() => resolve(snapshot)));
  };
  return {
    fetchPage,
    asked,
    held,
    holdAnswers: (on: boolean) => (hold = on),
    replace: (next: ArticleSummary[]) => (list = next),
  };
}

describe('the article list as windows of articles/page', () => {
  it('knows the count from the first window and asks only for the windows shown, each once', async () => {
    const s = server(10 * PAGE_SIZE + 5);
    const pages = createArticlePages(s.fetchPage);
    expect(pages.getSnapshot().total).toBeNull();
    await Promise.all([pages.show(0, 20), pages.show(0, 20)]);
    expect(pages.getSnapshot().total).toBe(10 * PAGE_SIZE + 5);
    expect(s.asked).toEqual([0]);
    expect(pages.row(20)?.id).toBe('a20');
    expect(pages.row(PAGE_SIZE * 5)).toBeUndefined();
    await pages.show(PAGE_SIZE * 5 - 3, PAGE_SIZE * 5 + 10);
    expect(s.asked).toEqual([0, 4 * PAGE_SIZE, 5 * PAGE_SIZE]);
    expect(pages.row(PAGE_SIZE * 5 + 2)?.id).toBe(`a${PAGE_SIZE * 5 + 2}`);
    expect(pages.idsHere(PAGE_SIZE * 5 - 1, PAGE_SIZE * 5 + 1)).toEqual([
      `a${PAGE_SIZE * 5 - 1}`,
      `a${PAGE_SIZE * 5}`,
      `a${PAGE_SIZE * 5 + 1}`,
    ]);
    // Rows not here: the caller asks the server for their ids.
    expect(pages.idsHere(0, PAGE_SIZE * 2)).toBeNull();
  });

  it('keeps a few windows, not every one scrolled past', async () => {
    const s = server(100 * PAGE_SIZE);
    const pages = createArticlePages(s.fetchPage);
    for (let page = 0; page < 60; page++) await pages.show(page * PAGE_SIZE, page * PAGE_SIZE + 10);
    const kept = Array.from({ length: 60 }, (_, page) => pages.row(page * PAGE_SIZE)).filter(Boolean).length;
    expect(kept).toBeLessThan(30);
    expect(pages.row(59 * PAGE_SIZE)?.id).toBe(`a${59 * PAGE_SIZE}`);
  });

  it('on refresh asks again for the rows shown and never shows an answer sent before the change', async () => {
    const s = server(3);
    const pages = createArticlePages(s.fetchPage);
    await pages.show(0, 10);
    s.holdAnswers(true);
    // Scrolled a little further: a window asked for before the change, answered after it.
    pages.show(0, PAGE_SIZE + 1).catch(() => undefined);
    s.replace([summary('n0'), summary('n1'), summary('n2'), summary('n3')]);
    const refreshed = pages.refresh();
    // Until the new window comes, the old rows stay (no blank list).
    expect(pages.row(0)?.id).toBe('a0');
    // The new answers come first, the old one last: it must not take the count back to 3.
    [...s.held].reverse().forEach((release) => release());
    await refreshed;
    expect(pages.getSnapshot().total).toBe(4);
    expect(pages.row(3)?.id).toBe('n3');
  });
});
