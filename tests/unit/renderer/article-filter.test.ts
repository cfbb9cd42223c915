import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module over a browser storage holding `items`. */
async function withStorage(items: Record<string, string>) {
  vi.resetModules();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items[key] ?? null,
    setItem: (key: string, value: string) => void (items[key] = value),
  });
  return import('../../../renderer/src/ArticleList/article-filter');
}

describe('the article list filter', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows every article until the user chooses otherwise; anything else kept reads as every article', async () => {
    expect((await withStorage({})).articleFilter()).toBe('all');
    expect((await withStorage({ 'factmark.articleFilter': 'mine?' })).articleFilter()).toBe('all');
  });

  it('remembers "Assigned to me" for the next page load', async () => {
    const items: Record<string, string> = {};
    const first = await withStorage(items);
    first.setArticleFilter('assigned');
    expect(items['factmark.articleFilter']).toBe('assigned');
    expect((await withStorage(items)).articleFilter()).toBe('assigned');
  });

  it('keeps the choice for the page where the browser keeps nothing', async () => {
    vi.resetModules();
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    const filter = await import('../../../renderer/src/ArticleList/article-filter');
    expect(filter.articleFilter()).toBe('all');
    filter.setArticleFilter('assigned');
    expect(filter.articleFilter()).toBe('assigned');
  });
});
