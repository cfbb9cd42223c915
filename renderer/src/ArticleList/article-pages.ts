import type { ArticlePage } from '../../../annotations/contract';
import type { ArticleSummary } from '../../../annotations/model';

/** Rows asked for at once: a screenful is about fifteen, so one page covers several scrolls. */
export const PAGE_SIZE = 100;
/** Pages kept besides those on screen: enough to scroll back without asking again, a few hundred kilobytes at most. */
const KEPT_PAGES = 20;

export interface ArticlePagesSnapshot {
  /** How many rows the list holds; null until the first page has come. */
  total: number | null;
  /** Bumped whenever a row comes or goes: what a view re-renders on. */
  version: number;
}

/**
 * The article list as windows of `articles/page`: the count of all from the
 * first answer, the rows of the pages asked for (the few on screen and a
 * handful kept), never the whole list. `refresh` (the store changed) asks
 * again for the pages on screen and forgets the others; answers to requests
 * sent before it are dropped, so a page older than the change never shows.
 */
export function createArticlePages(fetchPage: (offset: number, limit: number) => Promise<ArticlePage>) {
  let snapshot: ArticlePagesSnapshot = { total: null, version: 0 };
  /** Page index → its rows; Map order is the order of last use, the oldest first. */
  let pages = new Map<number, ArticleSummary[]>();
  const asked = new Map<number, Promise<void>>();
  /** Bumped by `refresh`: an answer to a request of an earlier generation is old. */
  let generation = 0;
  let wanted: [number, number] = [0, 0];
  const listeners = new Set<() => void>();

  function changed(total = snapshot.total): void {
    snapshot = { total, version: snapshot.version + 1 };
    for (const listener of listeners) listener();
  }

  function load(page: number): Promise<void> {
    const pending = asked.get(page);
    if (pending) return pending;
    const sentIn = generation;
    const request = fetchPage(page * PAGE_SIZE, PAGE_SIZE).then(
      (answer) => {
        if (sentIn !== generation) return;
        asked.delete(page);
        pages.delete(page);
        pages.set(page, answer.articles);
        evict();
        changed(answer.total);
      },
      (error: unknown) => {
        if (sentIn === generation) asked.delete(page);
        throw error;
      },
    );
    asked.set(page, request);
    return request;
  }

  /** Forgets the pages used longest ago beyond those kept, never one on screen. */
  function evict(): void {
    const [first, last] = wanted;
    for (const page of pages.keys()) {
      if (pages.size <= KEPT_PAGES) return;
      if (page < first || page > last) pages.delete(page);
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** Row `index`, when its page has come. */
    row(index: number): ArticleSummary | undefined {
      return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },
    /** Asks for the pages holding rows `from` to `to` (inclusive) that are not here yet. */
    show(from: number, to: number): Promise<void> {
      const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
      const last = Math.floor(Math.max(from, to) / PAGE_SIZE);
      wanted = [first, last];
      const loads: Promise<void>[] = [];
      for (let page = first; page <= last; page++) {
        const rows = pages.get(page);
        if (rows) {
          // Used again: it goes to the end of the order, kept the longest.
          pages.delete(page);
          pages.set(page, rows);
        } else loads.push(load(page));
      }
      return Promise.all(loads).then(() => undefined);
    },
    /**
     * The ids of rows `from` to `to` (inclusive) when every one of them is
     * here, else null (the caller asks the server).
     */
    idsHere(from: number, to: number): string[] | null {
      const ids: string[] = [];
      for (let index = from; index <= to; index++) {
        const row = this.row(index);
        if (!row) return null;
        ids.push(row.id);
      }
      return ids;
    },
    /** The store changed: the rows on screen are asked for again (shown as they were until they come), the rest forgotten. */
    refresh(): Promise<void> {
      generation++;
      asked.clear();
      const [first, last] = wanted;
      pages = new Map([...pages].filter(([page]) => page >= first && page <= last));
      const loads: Promise<void>[] = [];
      for (let page = first; page <= last; page++) loads.push(load(page));
      return Promise.all(loads).then(() => {
        // Rows past the new end (articles removed) are gone.
        for (const page of pages.keys()) if (page * PAGE_SIZE >= (snapshot.total ?? 0) && page > 0) pages.delete(page);
      });
    },
  };
}

export type ArticlePages = ReturnType<typeof createArticlePages>;
