import { useEffect, useState } from 'react';
import type { ArticleSummary } from '../../../annotations/model';
import { useWorkspace } from '../state/workspace-context';
import type { WorkspaceStore } from '../state/workspace-store';

/**
 * Every article's summary, for a view that offers a choice among all of them
 * (the export dialog's articles, the dashboard's article figures): asked for
 * when that view opens, and again when the store's list changes, never at
 * start (on a large store it is megabytes). Empty until it comes.
 */
export function useWholeArticleList(store: WorkspaceStore): { articles: ArticleSummary[]; listed: boolean } {
  const version = useWorkspace((s) => s.articlesVersion);
  const [list, setList] = useState<{ articles: ArticleSummary[]; listed: boolean }>({ articles: [], listed: false });
  useEffect(() => {
    let live = true;
    void store.query('articles/list', {}).then((articles) => live && articles && setList({ articles, listed: true }));
    return () => {
      live = false;
    };
  }, [store, version]);
  return list;
}
