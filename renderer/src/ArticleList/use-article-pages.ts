import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { WorkspaceStore } from '../state/workspace-store';
import { useWorkspace } from '../state/workspace-context';
import { createArticlePages } from './article-pages';
import type { ArticlePages } from './article-pages';

/** Asks `articles/page` through the store (a failure is its notice), rejecting so no page is kept from it. */
const pageFetcher =
  (store: WorkspaceStore, assignedTo: string | undefined) => async (offset: number, limit: number) => {
    // The whole list's first window was asked for at start, with the store's status: taken, not asked again.
    const early = offset === 0 && !assignedTo ? await store.takeFirstWindow()?.catch(() => null) : null;
    if (early && early.articles.length >= Math.min(limit, early.total))
      return { ...early, articles: early.articles.slice(0, limit) };
    const page = await store.query('articles/page', { offset, limit, ...(assignedTo ? { assignedTo } : {}) });
    if (!page) throw new Error('The article list could not be read');
    return page;
  };

/**
 * The article list's windows (all articles, or those assigned to
 * `assignedTo`), asked for again when the store's list changes (an import, a
 * sync) or when `changedBy` does (the team, for the assigned filter).
 */
export function useArticlePages(
  store: WorkspaceStore,
  assignedTo: string | undefined,
  changedBy: unknown,
): { pages: ArticlePages; total: number | null } {
  const version = useWorkspace((s) => s.articlesVersion);
  const pages = useMemo(() => createArticlePages(pageFetcher(store, assignedTo)), [store, assignedTo]);
  const { total } = useSyncExternalStore(pages.subscribe, pages.getSnapshot);
  const seen = useRef({ pages, version, changedBy });
  useEffect(() => {
    const before = seen.current;
    seen.current = { pages, version, changedBy };
    if (before.pages === pages && (before.version !== version || before.changedBy !== changedBy))
      pages.refresh().catch(() => undefined);
  }, [pages, version, changedBy]);
  return { pages, total };
}

/**
 * How many articles the list holds (of those assigned to `assignedTo`, when
 * given): one row asked for, its count read. Null while asking, or when
 * `ask` is false (the caller knows it from its own pages).
 */
export function useArticleCount(
  store: WorkspaceStore,
  ask: boolean,
  assignedTo: string | undefined,
  changedBy: unknown,
): number | null {
  const version = useWorkspace((s) => s.articlesVersion);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!ask) return;
    let live = true;
    void pageFetcher(store, assignedTo)(0, 1).then(
      (page) => live && setCount(page.total),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [store, ask, assignedTo, version, changedBy]);
  return ask ? count : null;
}
