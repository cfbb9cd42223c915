import { useSyncExternalStore } from 'react';

/** Which articles the list shows: all of them, or those assigned to the user. */
export type ArticleFilter = 'all' | 'assigned';

const KEY = 'factmark.articleFilter';

function load(): ArticleFilter {
  try {
    return localStorage.getItem(KEY) === 'assigned' ? 'assigned' : 'all';
  } catch {
    return 'all';
  }
}

let current: ArticleFilter | null = null;
const listeners = new Set<() => void>();

/** The list's filter: a view preference kept in this browser, not in the store. */
export function articleFilter(): ArticleFilter {
  return (current ??= load());
}

export function setArticleFilter(filter: ArticleFilter): void {
  current = filter;
  try {
    localStorage.setItem(KEY, filter);
  } catch {
    // A browser that keeps nothing still shows the choice until the page closes.
  }
  for (const listener of listeners) listener();
}

export function useArticleFilter(): ArticleFilter {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, articleFilter);
}
