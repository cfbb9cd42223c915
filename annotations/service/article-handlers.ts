import type { Handlers } from '../contract';
import type { ArticleSummary } from '../model';
import type { ServiceContext } from './context';

type ArticleOperations = 'articles/page' | 'articles/ids' | 'articles/neighbours' | 'articles/summaries';

/**
 * Windows of the article list, for a list that shows a few rows of many:
 * the rows are sliced from the store's list, never the whole list copied,
 * and the filter (the articles assigned to one annotator) applied here, so
 * the client gets the rows it shows and the count of all. Previous/next and
 * the titles of a few articles are answered the same way, so no view needs
 * the whole list to get them.
 */
export function articleHandlers(ctx: ServiceContext): Pick<Handlers, ArticleOperations> {
  /** The list as the client's filter shows it: the store's own array when unfiltered. */
  function listed(assignedTo: string | undefined): readonly ArticleSummary[] {
    const all = ctx.repo.listArticles();
    if (assignedTo === undefined) return all;
    const mine = new Set(
      (ctx.repo.readProject().team?.assignments ?? [])
        .filter((a) => a.annotator === assignedTo)
        .map((a) => a.articleId),
    );
    return all.filter((a) => mine.has(a.id));
  }

  /**
   * The articles whose title holds `text`, case aside: what a picker shows as
   * the user types, so it never needs the whole list to filter it.
   */
  function titled(list: readonly ArticleSummary[], text: string): readonly ArticleSummary[] {
    const wanted = text.toLowerCase();
    return list.filter((a) => a.title.toLowerCase().includes(wanted));
  }

  return {
    'articles/page': async ({ offset, limit, assignedTo, titleContains }) => {
      const shown = titleContains === undefined ? listed(assignedTo) : titled(listed(assignedTo), titleContains);
      return { total: shown.length, offset, articles: shown.slice(offset, offset + limit) };
    },
    'articles/ids': async ({ offset, limit, assignedTo }) => {
      const shown = listed(assignedTo);
      return { total: shown.length, ids: shown.slice(offset, offset + limit).map((a) => a.id) };
    },
    'articles/neighbours': async ({ articleId }) => {
      const all = ctx.repo.listArticles();
      const at = all.findIndex((a) => a.id === articleId);
      return {
        position: at < 0 ? null : at,
        total: all.length,
        previous: at > 0 ? all[at - 1]! : null,
        // An article no longer held steps forward to the list's first, as the whole list's walk did.
        next: all[at + 1] ?? null,
      };
    },
    'articles/summaries': async ({ articleIds }) => {
      const wanted = new Set(articleIds);
      const found = new Map(ctx.repo.listArticles().flatMap((a) => (wanted.has(a.id) ? [[a.id, a] as const] : [])));
      return articleIds.flatMap((id) => found.get(id) ?? []);
    },
  };
}
