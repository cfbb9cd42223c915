import { describe, expect, it } from 'vitest';
import type { ArticlePage } from '../../../annotations/contract';
import type { ArticleSummary } from '../../../annotations/model';
import { MATCHES_PAGE, createArticleMatches } from '../../../renderer/src/ArticlePicker/article-matches';
import { matchesLine } from '../../../renderer/src/ArticlePicker/matches-line';

const summary = (i: number): ArticleSummary => ({
  id: `a${i}`,
  title: `Title ${i}`,
  source: 'test',
  addedAt: '2026-01-01T00:00:00.000Z',
  contentHash: `sha256:${'0'.repeat(64)}`,
  length: 1,
});

/** A server of `count` articles filtering by title as `articles/page` does; answers wait until released. */
function server(count: number) {
  const list = Array.from({ length: count }, (_, i) => summary(i));
  const asked: [number, string][] = [];
  const held: (() => void)[] = [];
  const fetch = (offset: number, limit: number, filter: string) => {
    asked.push([offset, filter]);
    const shown = list.filter((a) => a.title.toLowerCase().includes(filter.toLowerCase()));
    const answer: ArticlePage = { total: shown.length, offset, articles: shown.slice(offset, offset + limit) };
    return new Promise<ArticlePage>((resolve) => held.push(() => resolve(answer)));
  };
  const release = async () => {
    for (const go of held.splice(0)) go();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { fetch, asked, release };
}

describe('the matches a picker offers', () => {
  it('asks for a window of the typed text’s matches, the next one on demand, never the whole list', async () => {
    const s = server(3000);
    const matches = createArticleMatches(s.fetch);
    void matches.setFilter('');
    await s.release();
    expect(matches.getSnapshot()).toMatchObject({ total: 3000, filter: '' });
    expect(matches.getSnapshot().rows).toHaveLength(MATCHES_PAGE);
    void matches.more();
    void matches.more(); // one window at a time
    await s.release();
    expect(
      matches
        .getSnapshot()
        .rows.map((r) => r.id)
        .slice(MATCHES_PAGE - 1, MATCHES_PAGE + 1),
    ).toEqual([`a${MATCHES_PAGE - 1}`, `a${MATCHES_PAGE}`]);
    expect(s.asked).toEqual([
      [0, ''],
      [MATCHES_PAGE, ''],
    ]);
    void matches.setFilter(' title 2999 ');
    await s.release();
    expect(matches.getSnapshot()).toMatchObject({ filter: 'title 2999', total: 1, rows: [summary(2999)] });
    // All matches are loaded: nothing more is asked.
    await matches.more();
    expect(s.asked).toHaveLength(3);
  });

  it('drops the answer to text no longer typed', async () => {
    const s = server(300);
    const matches = createArticleMatches(s.fetch);
    void matches.setFilter('Title 1');
    void matches.setFilter('Title 29');
    await s.release();
    expect(matches.getSnapshot()).toMatchObject({ filter: 'Title 29', total: 11, loading: false });
    expect(matches.getSnapshot().rows.every((r) => r.title.startsWith('Title 29'))).toBe(true);
  });

  it('says how many match, and how to reach one not shown', () => {
    expect(matchesLine('', null, 0)).toBe('Looking…');
    expect(matchesLine('', 3000, 50)).toBe('3,000 articles: type part of a title to find one, or scroll for more.');
    expect(matchesLine('iran', 1, 1)).toBe('1 article with “iran” in the title.');
    expect(matchesLine('zz', 0, 0)).toBe('No article’s title holds “zz”.');
  });
});
