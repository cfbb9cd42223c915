import { z } from 'zod';
import { parseChange } from '../../../annotations/change-schema';
import type { ChangeSet } from '../../../annotations/changes';

/** Where the undo history is kept across reloads (the browser's sessionStorage in the app). */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The undo and redo stacks, oldest step first. */
export interface UndoHistory {
  undo: ChangeSet[];
  redo: ChangeSet[];
}

/** Steps kept per stack: plenty for a session, little enough for the browser's storage. */
export const KEPT_STEPS = 200;

/** One history per store, named by where the store lives (`store/status`'s location). */
export const historyKey = (storeLocation: string) => `factmark.history:${storeLocation}`;

const StoredStep = z.strictObject({ label: z.string().max(2000), changes: z.array(z.unknown()).min(1) });
const StoredHistory = z.strictObject({ version: z.literal(1), undo: z.array(StoredStep), redo: z.array(StoredStep) });

const EMPTY: UndoHistory = { undo: [], redo: [] };

/**
 * Reads the history saved for a store. Every change is checked with the
 * model's schemas; anything unreadable gives an empty history and says where
 * it went wrong (whether a step still applies, only the core can tell).
 */
export function parseHistory(raw: string | null, key: string): { history: UndoHistory; problem: string | null } {
  if (raw === null) return { history: EMPTY, problem: null };
  const refuse = (where: string) => ({
    history: EMPTY,
    problem: `The undo history saved for this store (${key}) could not be read (${where}); it starts empty`,
  });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse('not JSON');
  }
  const parsed = StoredHistory.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const history: UndoHistory = { undo: [], redo: [] };
  for (const stack of ['undo', 'redo'] as const) {
    for (const [i, step] of parsed.data[stack].entries()) {
      try {
        history[stack].push({ label: step.label, changes: step.changes.map((c, at) => parseChange(c, at)) });
      } catch (error) {
        return refuse(`${stack} step ${i + 1}: ${(error as Error).message}`);
      }
    }
  }
  return { history, problem: null };
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
