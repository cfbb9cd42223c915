import type { Handlers } from '../contract';
import type { ServiceContext } from './context';

/**
 * A window of the article list, for a list that shows a few rows of many:
 * the rows are sliced from the store's list, never the whole list copied,
 * and the filter (the articles assigned to one annotator) applied here, so
 * the client gets the rows it shows and the count of all.
 */
export function articleHandlers(ctx: ServiceContext): Pick<Handlers, 'articles/page'> {
  return {
    'articles/page': async ({ offset, limit, assignedTo }) => {
      const all = ctx.repo.listArticles();
      if (assignedTo === undefined) return { total: all.length, offset, articles: all.slice(offset, offset + limit) };
      const mine = new Set(
        (ctx.repo.readProject().team?.assignments ?? [])
          .filter((a) => a.annotator === assignedTo)
          .map((a) => a.articleId),
      );
      const shown = all.filter((a) => mine.has(a.id));
      return { total: shown.length, offset, articles: shown.slice(offset, offset + limit) };
    },
  };
}
