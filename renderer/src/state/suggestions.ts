import { sameJson } from '../../../annotations/changes';
import type { Annotation } from '../../../annotations/model';
import type { Suggestion, SuggestSettings } from '../../../annotations/suggest/recommender';
import type { ChangesSince } from '../../../annotations/suggest/changes-since';
import { applyChangesSince } from '../../../annotations/suggest/changes-since';
import { listChanges } from '../ArticleView/list-changes';
import type { WorkspaceState } from './workspace-store';

/** What the suggestions need of the server; null: it failed (the workspace's notice says why). */
export interface SuggestionsApi {
  /** The open suggestions as changes since the list of version `since` (null: since none). */
  changes(articleId: string, since: string | null): Promise<(ChangesSince & { settings: SuggestSettings }) | null>;
  /** Makes annotations of the suggestions, as one undo step. */
  accept(articleId: string, suggestionIds: string[]): Promise<Annotation[] | null>;
  /** Rejects them for good (the server keeps it), as one undo step. */
  reject(articleId: string, suggestionIds: string[]): Promise<unknown[] | null>;
  settings(): Promise<SuggestSettings | null>;
  configure(patch: Partial<SuggestSettings>): Promise<SuggestSettings | null>;
}

export interface SuggestionsState {
  /** The article the suggestions are for. */
  articleId: string | null;
  /** Its open suggestions (neither accepted nor rejected), in text order. */
  suggestions: readonly Suggestion[];
  /** The project's settings, once read. */
  settings: SuggestSettings | null;
  /** The open article's suggestions have come (its first answer is in): until then the list is empty, not none. */
  listed: boolean;
  /** The ghosts are drawn in the text (the Layers panel's "Suggestions"). */
  shown: boolean;
}

/** Runs `run` later (when the page is idle); the answer cancels it. */
export type Later = (run: () => void) => () => void;

/** What of the workspace the suggestions follow. */
export type Seen = Pick<WorkspaceState, 'article' | 'layer' | 'undoStack' | 'redoStack' | 'entities' | 'status'>;

export interface SuggestionsDeps {
  getState(): WorkspaceState;
  subscribe(listener: () => void): () => void;
  api: SuggestionsApi;
  later?: Later;
}

/** A little after the last change, when the page is idle: typing and the first paint never wait for suggestions. */
export const whenIdle: Later = (run) => {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback !== 'function') return run();
    idle = requestIdleCallback(run, { timeout: 1000 });
  }, 150);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
};

/** `next` with each suggestion unchanged since `previous` kept as the same object (the ghosts redraw only what changed). */
export function keepUnchanged(previous: readonly Suggestion[], next: readonly Suggestion[]): readonly Suggestion[] {
  const before = new Map(previous.map((s) => [s.id, s]));
  let same = previous.length === next.length;
  const kept = next.map((s, i) => {
    const old = before.get(s.id);
    const keep = old !== undefined && sameJson(old, s) ? old : s;
    if (keep !== previous[i]) same = false;
    return keep;
  });
  return same ? previous : kept;
}

/** Each list of suggestions by where they start, made once per list (a list is never changed in place). */
const byStart = new WeakMap<readonly Suggestion[], Map<number, Suggestion[]>>();

function startsOf(suggestions: readonly Suggestion[]): Map<number, Suggestion[]> {
  let index = byStart.get(suggestions);
  if (index) return index;
  index = new Map();
  for (const s of suggestions) {
    const here = index.get(s.start);
    if (here) here.push(s);
    else index.set(s.start, [s]);
  }
  byStart.set(suggestions, index);
  return index;
}

/**
 * The suggestions less those whose kind and span one of `annotations` has
 * (the same list when none has). After a keystroke's tag `annotations` is the
 * one that came: it costs a look-up where it starts, not a pass over
 * thousands of suggestions.
 */
export function withoutAnnotated(suggestions: readonly Suggestion[], annotations: readonly Annotation[]) {
  if (annotations.length === 0 || suggestions.length === 0) return suggestions;
  const index = startsOf(suggestions);
  const taken = new Set<Suggestion>();
  for (const a of annotations)
    for (const s of index.get(a.start) ?? []) if (s.kind === a.kind && s.end === a.end) taken.add(s);
  return taken.size === 0 ? suggestions : suggestions.filter((s) => !taken.has(s));
}

/**
 * Whether the workspace's change may change the open article's suggestions:
 * its layer, the registry, the tagset or the annotator changed, or a
 * rejection of it was made, undone or redone (which leave the layer as it
 * was: the step on top of either stack tells). A selection, a notice or a
 * history read back does not.
 */
export function mayChange(before: Seen, now: Seen, articleId: string): boolean {
  if (before.layer !== now.layer || before.entities !== now.entities) return true;
  if (before.status?.tagset !== now.status?.tagset || before.status?.annotator !== now.status?.annotator) return true;
  const tops = [before.undoStack.at(-1), before.redoStack.at(-1), now.undoStack.at(-1), now.redoStack.at(-1)];
  if (tops[0] === tops[2] && tops[1] === tops[3]) return false;
  return tops.some((step) => step?.changes.some((c) => c.type === 'rejection' && c.articleId === articleId));
}

/**
 * The open article's suggestions, which are never annotations until
 * accepted. They are asked for when the page is idle after the article is
 * shown, and again after every change that may change them (an accept, a
 * reject, an undo, any edit of the layer or the registry); accepted and
 * rejected ones leave at once. Accepting and rejecting go through the
 * workspace's undo history like any edit.
 */
export function createSuggestionsStore(deps: SuggestionsDeps) {
  const { api } = deps;
  const later = deps.later ?? whenIdle;
  let state: SuggestionsState = { articleId: null, suggestions: [], settings: null, listed: false, shown: true };
  const listeners = new Set<() => void>();
  let watching: (() => void) | null = null;
  let seen: Seen | null = null;
  let pending: (() => void) | null = null;
  /** Bumped by every change that may make an answer on its way out of date. */
  let generation = 0;

  function set(patch: Partial<SuggestionsState>): void {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  }

  /** A question is on its way; `again`: ask once more when it is answered (one at a time: each costs the server). */
  let asking = false;
  let again = false;
  /**
   * The list the server gave last for the open article, as it gave it (the
   * one shown may have lost some since), and its version: the next answer is
   * its changes, a few suggestions after a tag rather than thousands.
   */
  let held: { version: string; list: readonly Suggestion[] } | null = null;

  async function fetch(): Promise<void> {
    const articleId = state.articleId;
    if (!articleId) return;
    if (asking) return void (again = true);
    asking = true;
    const asked = generation;
    try {
      // Always the open article's: it is dropped when another article opens, and kept only for an answer about this one.
      const since = held;
      const answer = await api.changes(articleId, since?.version ?? null);
      if (!answer || state.articleId !== articleId) return;
      const base = answer.since === null ? [] : answer.since === since?.version ? since.list : null;
      const made = base && applyChangesSince(base, answer);
      if (!made) {
        // Changes to a list this page does not hold: ask for every suggestion.
        held = null;
        again = true;
        return;
      }
      // Every suggestion came: those unchanged stay the same objects, so the ghosts redraw only what changed.
      const suggestions = answer.since === null && since ? keepUnchanged(since.list, made) : made;
      held = { version: answer.version, list: suggestions };
      if (asked !== generation) return;
      // Indexed now, as they come, rather than in the next keystroke's work (see withoutAnnotated).
      startsOf(suggestions);
      const settings = sameJson(state.settings, answer.settings) ? state.settings : answer.settings;
      if (suggestions !== state.suggestions || settings !== state.settings || !state.listed)
        set({ suggestions, settings, listed: true });
    } finally {
      asking = false;
      if (again) {
        again = false;
        void fetch();
      }
    }
  }

  function askAgain(): void {
    generation++;
    pending?.();
    pending = later(() => {
      pending = null;
      void fetch();
    });
  }

  function follow(): void {
    const s = deps.getState();
    const before = seen;
    seen = s;
    const articleId = s.article?.id ?? null;
    if (articleId !== state.articleId) {
      held = null;
      set({ articleId, suggestions: [], listed: false });
      return askAgain();
    }
    if (!before || !articleId || !mayChange(before, s, articleId)) return;
    if (before.layer.annotations !== s.layer.annotations) {
      // Only the annotations that came can cover a ghost: a keystroke's tag costs what it added, not the layer.
      const left = withoutAnnotated(state.suggestions, listChanges(before.layer.annotations, s.layer.annotations).come);
      if (left !== state.suggestions) set({ suggestions: left });
    }
    askAgain();
  }

  /** Takes the suggestions out of the list at once, sends `work`, and asks again if it failed. */
  async function settle<T>(ids: readonly string[], work: (articleId: string) => Promise<T | null>) {
    const articleId = state.articleId;
    if (!articleId || ids.length === 0) return null;
    generation++;
    const out = new Set(ids);
    set({ suggestions: state.suggestions.filter((s) => !out.has(s.id)) });
    const done = await work(articleId);
    if (!done) askAgain();
    return done;
  }

  /**
   * The settings alone, asked for at once (the list waits for the page to be
   * idle, and may take the server seconds): whether a recommender runs is
   * known before the first list comes.
   */
  async function readSettings(): Promise<void> {
    const settings = await api.settings();
    if (settings && !state.settings) set({ settings });
  }

  const store = {
    getState: () => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!watching) {
        watching = deps.subscribe(follow);
        follow();
        if (!state.settings) void readSettings();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !watching) return;
        watching();
        watching = null;
        pending?.();
        pending = null;
        seen = null;
        held = null;
        state = { ...state, articleId: null, suggestions: [], listed: false };
      };
    },
    /** Accepts suggestions of the open article: they become annotations (with their entity and links), one undo step. */
    accept: (ids: readonly string[]) => settle(ids, (articleId) => api.accept(articleId, [...ids])),
    /** Rejects suggestions of the open article: they are not proposed again, even after a reload. One undo step. */
    reject: (ids: readonly string[]) => settle(ids, (articleId) => api.reject(articleId, [...ids])),
    /** Accepts every suggestion of one kind in the open article. */
    acceptKind(kind: string) {
      return store.accept(state.suggestions.filter((s) => s.kind === kind).map((s) => s.id));
    },
    /** Shows or hides the ghosts (the suggestions are kept). */
    setShown(shown: boolean) {
      if (shown !== state.shown) set({ shown });
    },
    /** Reads the project's settings (the settings dialog). */
    async loadSettings() {
      const settings = await api.settings();
      if (settings) set({ settings });
      return settings;
    },
    /** Saves the project's settings; the open article's suggestions are asked for again under them. */
    async configure(patch: Partial<SuggestSettings>) {
      const settings = await api.configure(patch);
      if (!settings) return null;
      set({ settings });
      askAgain();
      return settings;
    },
  };
  return store;
}

export type SuggestionsStore = ReturnType<typeof createSuggestionsStore>;
