import type { ChangeSet } from '../../../annotations/changes';

/** Where the undo history is kept across reloads (the browser's sessionStorage in the app). */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The undo and redo stacks, oldest step first. */
export interface UndoHistory {
  undo: ChangeSet[];
  redo: ChangeSet[];
}

/** A history read back, or an empty one and why. */
export interface ParsedHistory {
  history: UndoHistory;
  problem: string | null;
}

/** Steps kept per stack: plenty for a session, little enough for the browser's storage. */
export const KEPT_STEPS = 200;

/** One history per store, named by where the store lives (`store/status`'s location). */
export const historyKey = (storeLocation: string) => `factmark.history:${storeLocation}`;

/**
 * Reads the history saved for a store (see `parseHistory`). Nothing saved is
 * answered at once; the schemas that check a saved history load only when
 * there is one, so a first paint never waits for them.
 */
export async function readHistory(raw: string | null, key: string): Promise<ParsedHistory> {
  if (raw === null) return { history: { undo: [], redo: [] }, problem: null };
  const { parseHistory } = await import('./saved-history-parse');
  return parseHistory(raw, key);
}

/**
 * Saves the newest steps of each stack. When the browser's storage is full,
 * fewer steps are kept; when none fit, the saved history is removed, so a
 * reload never brings back an older one.
 */
export function saveHistory(storage: HistoryStorage, key: string, history: UndoHistory): void {
  for (let kept = KEPT_STEPS; kept > 0; kept = Math.floor(kept / 2)) {
    try {
      const stored = { version: 1, undo: history.undo.slice(-kept), redo: history.redo.slice(-kept) };
      storage.setItem(key, JSON.stringify(stored));
      return;
    } catch {
      // Full: try again with fewer steps.
    }
  }
  try {
    storage.removeItem(key);
  } catch {
    // Storage unusable: the history simply ends with the page.
  }
}

/**
 * Saves the history when the page is next idle, and at the latest when it
 * goes away: a burst of edits is written once, with the newest stacks, and
 * no edit's frame waits for its serialisation. Where there is no idle time to
 * wait for (no browser), each history is saved at once.
 */
export function createHistorySaver(storage: HistoryStorage): (key: string, history: UndoHistory) => void {
  if (typeof requestIdleCallback !== 'function') return (key, history) => saveHistory(storage, key, history);
  let pending: { key: string; history: UndoHistory } | null = null;
  const flush = () => {
    if (!pending) return;
    const { key, history } = pending;
    pending = null;
    saveHistory(storage, key, history);
  };
  addEventListener('pagehide', flush);
  return (key, history) => {
    if (pending && pending.key !== key) flush();
    const scheduled = pending !== null;
    pending = { key, history };
    if (!scheduled) requestIdleCallback(flush, { timeout: 1000 });
  };
}
