/** The open article is kept in the address (`#/article/<id>`), so a reload returns to it. */
const ARTICLE_ROUTE = /^#\/article\/(.+)$/;

/** The article the address names, if any. */
export function articleInAddress(hash: string): string | undefined {
  const id = ARTICLE_ROUTE.exec(hash)?.[1];
  return id ? decodeURIComponent(id) : undefined;
}

/** The address of an article. */
export const articleAddress = (articleId: string) => `#/article/${encodeURIComponent(articleId)}`;
