import type { Change, ChangeSet } from '../../../annotations/changes';
import { invert } from '../../../annotations/changes';
import type { FactmarkClient } from '../client/factmark-client';
import { ClientError } from '../client/factmark-client';
import type { MergeSteps } from './correct-in-place';
import type { HistoryStorage } from './saved-history';
import { createHistorySaver, historyKey, readHistory } from './saved-history';
import { annotationOf, articlesOf, touchesRegistry, whereText } from './step-place';
import type { WorkspaceState } from './workspace-store';

/** What the undo history needs of the workspace store. */
export interface UndoHistoryDeps {
  client: FactmarkClient;
  getState(): WorkspaceState;
  set(patch: Partial<WorkspaceState>): void;
  /** Brings the local records up to date with changes the core confirmed. */
  applyLocal(changeSet: ChangeSet): void;
  openArticle(articleId: string, keepRoute: boolean): Promise<void>;
  reveal(annotationId: string): void;
  /** The titles of the articles named (asked for when not met yet): the notices name a step's article by it. */
  titlesOf(articleIds: readonly string[]): Promise<Readonly<Record<string, string>>>;
  /** Where the stacks are kept across reloads; null: they end with the page. */
  storage: HistoryStorage | null;
}

/** The operations of one user action, gathered into one step; `error`: the first that failed. */
export interface Gathering {
  changes: Change[];
  error: unknown;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Errors by which the core refuses a step because the store is no longer as the step expects. */
const REFUSALS = new Set(['conflict', 'invalid-argument', 'not-found']);
/** Pages about registry records: undoing a change there that also touched articles stays on the page. */
const REGISTRY_PAGES = new Set(['entity', 'event', 'tagset', 'guidelines']);

/**
 * The undo and redo stacks: one step per user action (several operations of
 * one action are gathered into one step, all or nothing), replayed through the
 * core, opening the article a step concerns, and kept across reloads for the
 * store they belong to.
 */
export function createUndoHistory(deps: UndoHistoryDeps) {
  const { client, getState, set } = deps;
  /** The action whose operations are being gathered into one step. */
  let gathering: Gathering | null = null;
  /** Steps read back after a reload: one the core refuses is dropped, as the store changed meanwhile. */
  const restored = new WeakSet<ChangeSet>();
  /** The name the stacks are saved under, once the history saved there has been read. */
  let key: string | null = null;
  /** The history being read, or read last. */
  let loading: string | null = null;
  let replaying: Promise<void> = Promise.resolve();
  /** The reading of the kept history (settled once it is in the stacks, or could not be read). */
  let reading: Promise<void> = Promise.resolve();
  const save = deps.storage ? createHistorySaver(deps.storage) : null;

  function setStacks(undoStack: ChangeSet[], redoStack: ChangeSet[], patch: Partial<WorkspaceState> = {}): void {
    set({ ...patch, undoStack, redoStack });
    if (key && save) save(key, { undo: undoStack, redo: redoStack });
  }

  async function send(changeSet: ChangeSet, direction: 'undo' | 'redo'): Promise<void> {
    set({ pendingWrites: getState().pendingWrites + 1 });
    try {
      await client.send('history/apply', { changeSet, direction });
      deps.applyLocal(direction === 'undo' ? invert(changeSet) : changeSet);
    } finally {
      set({ pendingWrites: getState().pendingWrites - 1 });
    }
  }

  return {
    /**
     * The action being gathered when an operation is sent: its change set
     * belongs there, even when it is answered later. An operation sent
     * before the action began (a tag not yet confirmed) stays a step of its own.
     */
    gatheringNow: (): Gathering | null => gathering,

    /**
     * Takes a change set the core confirmed: part of the action it was sent
     * in, merged into the last step (`merge`), or a step of its own.
     */
    record(changeSet: ChangeSet, merge: MergeSteps | undefined, sentIn: Gathering | null): void {
      if (sentIn) {
        sentIn.changes.push(...changeSet.changes);
        return;
      }
      if (changeSet.changes.length === 0) return;
      const { undoStack } = getState();
      const previous = undoStack.at(-1);
      const merged = previous && merge ? merge(previous, changeSet) : null;
      setStacks([...(merged ? undoStack.slice(0, -1) : undoStack), merged ?? changeSet], []);
    },

    /** Says whether a failed operation belongs to an action being gathered, which then reports it. */
    failedIn(sentIn: Gathering | null, error: unknown): boolean {
      if (!sentIn) return false;
      sentIn.error ??= error;
      return true;
    },

    /**
     * Runs the operations of one user action as one undo step named `label`.
     * When one fails (or `work` gives null), those done are undone and the
     * notice says why: the action is done whole or not at all.
     */
    async batch<T>(label: string, work: () => Promise<T | null>): Promise<T | null> {
      if (gathering) return work();
      const step: Gathering = { changes: [], error: null };
      gathering = step;
      let value: T | null = null;
      try {
        value = await work();
      } catch (error) {
        step.error ??= error;
      } finally {
        gathering = null;
      }
      const done: ChangeSet = { label, changes: step.changes };
      if (value !== null && step.error === null) {
        if (done.changes.length > 0) setStacks([...getState().undoStack, done], []);
        return value;
      }
      const reason = step.error === null ? 'it could not be finished' : message(step.error);
      if (done.changes.length === 0) {
        set({ notice: { tone: 'error', text: `${label} failed: ${reason}. Nothing was changed.` } });
        return null;
      }
      try {
        await send(done, 'undo');
        set({ notice: { tone: 'error', text: `${label} failed: ${reason}. Nothing was changed.` } });
      } catch (undoError) {
        // The part done stays, and Undo offers it as one step.
        setStacks([...getState().undoStack, done], [], {
          notice: {
            tone: 'error',
            text: `${label} was done only in part: ${reason}. Taking back the part done failed too (${message(undoError)}); Undo offers it.`,
          },
        });
      }
      return null;
    },

    /**
     * Undoes or redoes the last step. A step in another article than the one
     * open opens that article first and selects the annotation it changed;
     * the notice names the article.
     */
    replay(direction: 'undo' | 'redo'): Promise<void> {
      // One at a time: keys pressed faster than the core answers each take the next step. A key pressed while
      // the kept history is being read (just after a reload) waits for it: it undoes the step the user sees
      // come, not nothing.
      replaying = replaying
        .then(() => reading)
        .then(() => replayLast(direction))
        .catch((error: unknown) => set({ notice: { tone: 'error', text: message(error) } }));
      return replaying;
    },

    /**
     * Brings back the history kept for the store at `storeLocation` (before
     * this page's own steps). It is read before anything is saved under its
     * name, and checked on its own time: steps taken meanwhile stay after it.
     */
    load(storeLocation: string): Promise<void> {
      // Asked again for the same store: the stacks hold it, or will once the reading under way ends.
      if (loading === historyKey(storeLocation)) return reading;
      loading = historyKey(storeLocation);
      const read = loadHistory(loading);
      reading = read.catch(() => undefined);
      return read;
    },
  };

  async function loadHistory(name: string): Promise<void> {
    if (!deps.storage) {
      key = name;
      return;
    }
    let raw: string | null = null;
    try {
      raw = deps.storage.getItem(name);
    } catch {
      key = name;
      return;
    }
    const { history, problem } = await readHistory(raw, name);
    if (loading !== name) return; // Another store was opened meanwhile.
    key = name;
    for (const step of [...history.undo, ...history.redo]) restored.add(step);
    const { undoStack, redoStack } = getState();
    setStacks(
      [...history.undo, ...undoStack],
      undoStack.length > 0 ? redoStack : [...history.redo, ...redoStack],
      problem ? { notice: { tone: 'error', text: problem } } : {},
    );
  }

  async function replayLast(direction: 'undo' | 'redo'): Promise<void> {
    const state = getState();
    const stack = direction === 'undo' ? state.undoStack : state.redoStack;
    const changeSet = stack.at(-1);
    if (!changeSet) return;
    const articleIds = articlesOf(changeSet);
    const open = state.article?.id;
    const target = articleIds.length > 0 && !articleIds.includes(open ?? '') ? articleIds[0]! : null;
    // A step of the open article taken back from another page (an entity's, the agreement's) shows the text too.
    const showText = !target && open && articleIds.length > 0 && !touchesRegistry(changeSet);
    if (target) {
      await deps.openArticle(target, touchesRegistry(changeSet) && REGISTRY_PAGES.has(state.route.name));
      if (getState().article?.id !== target) return; // It could not be opened; the notice says why.
    } else if (showText && state.route.name !== 'article' && state.route.name !== 'review')
      await deps.openArticle(open, false);
    const where = whereText(articleIds, await deps.titlesOf(articleIds.slice(0, 1)));
    try {
      await send(changeSet, direction);
    } catch (error) {
      const verb = direction === 'undo' ? 'undo' : 'redo';
      if (restored.has(changeSet) && error instanceof ClientError && REFUSALS.has(error.code)) {
        const current = getState();
        const rest = (direction === 'undo' ? current.undoStack : current.redoStack).filter((s) => s !== changeSet);
        const text = `Could not ${verb} “${changeSet.label}”${where}: the store changed since this step was made (${error.message}). The step was dropped from the history.`;
        if (direction === 'undo') setStacks(rest, current.redoStack, { notice: { tone: 'error', text } });
        else setStacks(current.undoStack, rest, { notice: { tone: 'error', text } });
      } else
        set({ notice: { tone: 'error', text: `Could not ${verb} “${changeSet.label}”${where}: ${message(error)}` } });
      return;
    }
    const current = getState();
    if (target) {
      const shown = annotationOf(changeSet, target, current.layer);
      if (shown) deps.reveal(shown);
    }
    const without = (steps: ChangeSet[]) => steps.filter((s) => s !== changeSet);
    if (direction === 'undo')
      setStacks(without(current.undoStack), [...current.redoStack, changeSet], {
        notice: { tone: 'info', text: `Undid: ${changeSet.label}${where}` },
      });
    else
      setStacks([...current.undoStack, changeSet], without(current.redoStack), {
        notice: { tone: 'info', text: `Redid: ${changeSet.label}${where}` },
      });
  }
}
