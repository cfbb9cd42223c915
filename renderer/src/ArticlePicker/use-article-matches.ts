import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useWorkspace } from '../state/workspace-context';
import type { WorkspaceStore } from '../state/workspace-store';
import { createArticleMatches } from './article-matches';
import type { ArticleMatches, ArticleMatchesSnapshot } from './article-matches';

/**
 * The server's matches for `filter` while the picker is `open` (nothing is
 * asked while it is closed), asked again when the store's list changes.
 */
export function useArticleMatches(
  store: WorkspaceStore,
  filter: string,
  open: boolean,
): ArticleMatchesSnapshot & { more: ArticleMatches['more'] } {
  const version = useWorkspace((s) => s.articlesVersion);
  const matches = useMemo(
    () =>
      createArticleMatches((offset, limit, text) =>
        store.query('articles/page', { offset, limit, ...(text ? { titleContains: text } : {}) }),
      ),
    [store],
  );
  useEffect(() => {
    if (open) void matches.setFilter(filter);
  }, [matches, filter, open, version]);
  const snapshot = useSyncExternalStore(matches.subscribe, matches.getSnapshot);
  return { ...snapshot, more: matches.more };
}
