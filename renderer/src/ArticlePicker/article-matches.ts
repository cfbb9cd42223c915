import type { ArticlePage } from '../../../annotations/contract';
import type { ArticleSummary } from '../../../annotations/model';

/** Rows asked for at once: a listbox shows about ten, so one window covers a few scrolls. */
export const MATCHES_PAGE = 50;

export interface ArticleMatchesSnapshot {
  /** The text the rows match ('' : every article). */
  filter: string;
  /** The matching rows loaded so far, in the list's order. */
  rows: readonly ArticleSummary[];
  /** How many articles match; null until the first answer for this filter has come. */
  total: number | null;
  loading: boolean;
}

/** Asks the server for one window of the articles whose title holds `filter` (every article when ''). */
export type FetchMatches = (offset: number, limit: number, filter: string) => Promise<ArticlePage | null>;

/**
 * The articles a picker offers for the text typed: the first window of the
 * server's matches, then the next as the user scrolls or arrows past the
 * last, never the whole list. An answer to a filter no longer typed (or
 * asked before `refresh`) is dropped, so rows of an older text never show.
 */
export function createArticleMatches(fetch: FetchMatches) {
  let snapshot: ArticleMatchesSnapshot = { filter: '', rows: [], total: null, loading: false };
  let generation = 0;
  const listeners = new Set<() => void>();

  function set(next: Partial<ArticleMatchesSnapshot>): void {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  }

  async function load(offset: number): Promise<void> {
    const sentIn = generation;
    set({ loading: true });
    const answer = await fetch(offset, MATCHES_PAGE, snapshot.filter).catch(() => null);
    if (sentIn !== generation) return;
    // A failed answer (reported by the store's notice line) leaves the rows as they were.
    if (!answer) return set({ loading: false });
    set({ rows: [...snapshot.rows.slice(0, offset), ...answer.articles], total: answer.total, loading: false });
  }

  function setFilter(filter: string): Promise<void> {
    generation++;
    snapshot = { filter: filter.trim(), rows: [], total: null, loading: false };
    return load(0);
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Matches for new text: the rows of the old are forgotten, the first window asked for. */
    setFilter,
    /** The next window, when there is one and none is on its way. */
    more(): Promise<void> {
      const { rows, total, loading } = snapshot;
      if (loading || total === null || rows.length >= total) return Promise.resolve();
      return load(rows.length);
    },
    /** The store's list changed: the same text is matched again from the start. */
    refresh(): Promise<void> {
      return setFilter(snapshot.filter);
    },
  };
}

export type ArticleMatches = ReturnType<typeof createArticleMatches>;
