import type { Args, ExportFile, Results, SessionStatus } from '../../../annotations/contract';
import type { ChangeSet, Mutation } from '../../../annotations/changes';
import type {
  Annotation,
  Article,
  ArticleLayer,
  ArticleSummary,
  Entity,
  EventRecord,
  Relation,
} from '../../../annotations/model';
import type { OperationName } from '../../../annotations/operation-names';
import { trimSpan } from '../../../annotations/spans';
import type { FactmarkClient } from '../client/factmark-client';
import { ClientError } from '../client/factmark-client';
import { FIRST_ARTICLE } from '../client/prefetch-client';
import { applyChanges } from './apply-changes';
import { createCorrections } from './correct-in-place';
import type { MergeSteps } from './correct-in-place';
import { damageActions } from './damaged-article';
import type { DamagedArticle } from './damaged-article';
import { leftOutOf, leftOutText } from './left-out';
import { outOfScopeText } from './out-of-scope';
import type { HistoryStorage } from './saved-history';
import type { AfterPaint } from './store-listeners';
import { createStoreListeners } from './store-listeners';
import { createUndoHistory } from './undo-history';

export interface Notice {
  tone: 'error' | 'info';
  text: string;
}

/** What the centre of the window shows. */
export type Route =
  | { name: 'article' }
  | { name: 'entity'; id: string }
  | { name: 'event'; id: string }
  | { name: 'tagset' }
  | { name: 'guidelines' }
  | { name: 'review' }
  | { name: 'dashboard' };

export interface WorkspaceState {
  status: SessionStatus | null;
  /**
   * Bumped when the store's article list may have changed (an import, a
   * sync): views that hold windows of it (`articles/page`) ask again. The
   * whole list is never held here; on a large store it is megabytes.
   */
  articlesVersion: number;
  /** Titles of the articles met so far (opened, named by undo steps), by id: what labels and notices name them by. */
  titles: Readonly<Record<string, string>>;
  article: Article | null;
  /** The article opened that cannot be read (then `article` is null). */
  damaged: DamagedArticle | null;
  /** The open article's layer; annotations ordered by start then end. */
  layer: ArticleLayer;
  /** Annotators whose annotations the text does not show. */
  hiddenLayers: string[];
  /** The layer's annotations of the layers shown, in text order: what the text and the list show. */
  visible: Annotation[];
  entities: Entity[];
  events: EventRecord[];
  selectedId: string | null;
  /** Bumped when the user asks to see an annotation (a list click): the text scrolls to it. */
  revealRequest: number;
  /** A relation being drawn: the next span clicked becomes its target (a type of null: the first the tagset allows). */
  linking: { from: string; type: string | null } | null;
  route: Route;
  undoStack: ChangeSet[];
  redoStack: ChangeSet[];
  /** Writes sent and not yet confirmed; zero means everything is saved. */
  pendingWrites: number;
  notice: Notice | null;
  /** Where the keyboard focus should go next (the details panel after tagging, the text on Esc); bumped per request. */
  focusRequest: { target: 'details' | 'text'; n: number };
}

type MutatingName = { [K in OperationName]: Results[K] extends Mutation<unknown> ? K : never }[OperationName];
type ValueOf<K extends MutatingName> = Results[K] extends Mutation<infer T> ? T : never;

const EMPTY_LAYER: ArticleLayer = { annotations: [], relations: [], documentLabels: [] };
const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end;

/** `list` (in text order) with `a` in its place, after any at the same place: found by halving, not by sorting the layer. */
function placed(list: readonly Annotation[], a: Annotation): Annotation[] {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (byPosition(list[mid]!, a) <= 0) low = mid + 1;
    else high = mid;
  }
  return [...list.slice(0, low), a, ...list.slice(low)];
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

/** `titles` with those of `articles` added; the same object when none is new (no view re-renders). */
function withTitles(
  titles: Readonly<Record<string, string>>,
  articles: readonly Pick<ArticleSummary, 'id' | 'title'>[],
): Readonly<Record<string, string>> {
  const fresh = articles.filter((a) => titles[a.id] !== a.title);
  return fresh.length === 0 ? titles : { ...titles, ...Object.fromEntries(fresh.map((a) => [a.id, a.title])) };
}

export interface WorkspaceOptions {
  /** Where the undo history is kept across reloads (the session's storage in the app); absent: it ends with the page. */
  historyStorage?: HistoryStorage | null;
  /** When views held by `paintFirst` catch up (after the next paint in the app). */
  afterPaint?: AfterPaint;
}

/**
 * The editor's framework-free state. Every edit goes to the core, which
 * answers with the change set that undoes it; the same change sets update
 * the local copy, fill the undo stack, and are replayed by undo and redo.
 * Selection and navigation are not undo steps.
 */
export function createWorkspaceStore(
  client: FactmarkClient,
  newId: () => string = () => crypto.randomUUID(),
  options: WorkspaceOptions = {},
) {
  let state: WorkspaceState = {
    status: null,
    articlesVersion: 0,
    titles: {},
    article: null,
    damaged: null,
    layer: EMPTY_LAYER,
    hiddenLayers: [],
    visible: [],
    entities: [],
    events: [],
    selectedId: null,
    revealRequest: 0,
    linking: null,
    route: { name: 'article' },
    undoStack: [],
    redoStack: [],
    pendingWrites: 0,
    notice: null,
    focusRequest: { target: 'text', n: 0 },
  };
  const listeners = createStoreListeners(options.afterPaint);

  function set(patch: Partial<WorkspaceState>): void {
    state = { ...state, ...patch };
    if ('layer' in patch || 'hiddenLayers' in patch) {
      const hidden = new Set(state.hiddenLayers);
      state.visible =
        hidden.size === 0 ? state.layer.annotations : state.layer.annotations.filter((a) => !hidden.has(a.annotator));
    }
    listeners.notify();
  }

  function fail(error: unknown): void {
    set({ notice: { tone: 'error', text: error instanceof Error ? error.message : String(error) } });
  }

  function applyLocal(changeSet: ChangeSet): void {
    const next = applyChanges(
      {
        articleId: state.article?.id ?? null,
        layer: state.layer,
        entities: state.entities,
        events: state.events,
        tagset: state.status?.tagset ?? null,
      },
      changeSet.changes,
    );
    const status = state.status && next.tagset ? { ...state.status, tagset: next.tagset } : state.status;
    const selectedGone = state.selectedId !== null && !next.layer.annotations.some((a) => a.id === state.selectedId);
    set({
      layer: next.layer,
      entities: next.entities,
      events: next.events,
      status,
      selectedId: selectedGone ? null : state.selectedId,
    });
  }

  /** Sends one mutating operation; on success its change set becomes an undo step. */
  async function mutate<K extends MutatingName>(
    name: K,
    args: Args<K>,
    merge?: MergeSteps,
  ): Promise<ValueOf<K> | null> {
    const sentIn = history.gatheringNow();
    set({ pendingWrites: state.pendingWrites + 1 });
    try {
      // A keystroke's save is sent once its frame is on screen: preparing the request never delays the paint.
      const paint = listeners.painted();
      if (paint) await paint;
      const result = (await client.send(name, args)) as unknown as Mutation<ValueOf<K>>;
      applyLocal(result.changeSet);
      history.record(result.changeSet, merge, sentIn);
      return result.value;
    } catch (error) {
      // Within a user action of several operations, the action reports it once it is taken back.
      if (!history.failedIn(sentIn, error)) fail(error);
      return null;
    } finally {
      set({ pendingWrites: state.pendingWrites - 1 });
    }
  }

  const { refreshStatus, showDamaged } = damageActions(client, () => state, set);

  const history = createUndoHistory({
    client,
    getState: () => state,
    set,
    applyLocal,
    openArticle: (articleId, keepRoute) => store.openArticle(articleId, undefined, keepRoute),
    reveal: (id) => store.reveal(id),
    titlesOf: (ids) => store.titlesOf(ids),
    storage: options.historyStorage ?? null,
  });

  /** Shows an annotation at [start, end) before the core confirms it (or while its handle is dragged). */
  const previewSpan = (id: string, start: number, end: number) =>
    set({
      layer: {
        ...state.layer,
        annotations: state.layer.annotations.map((a) =>
          a.id === id ? { ...a, start, end, quote: state.article?.text.slice(start, end) ?? a.quote } : a,
        ),
      },
    });
  /** Annotations shown at once and not yet confirmed by the core, by id. */
  const pendingCreates = new Map<string, Promise<unknown>>();
  const corrections = createCorrections({
    getState: () => state,
    update: ({ id, articleId: _articleId, ...patch }, merge) => store.updateAnnotation(id, patch, merge),
    notify: (notice) => set({ notice }),
    preview: previewSpan,
  });

  const readArticle = (articleId: string) =>
    Promise.all([client.send('articles/get', { articleId }), client.send('annotations/list', { articleId })]);

  /** The article list's first window as `init` asked for it, until the list takes it. */
  let firstWindow: Promise<Results['articles/page']> | null = null;
  /** The previous/next steps asked for, one after the other. */
  let stepping: Promise<void> = Promise.resolve();
  async function stepOnce(step: 1 | -1): Promise<void> {
    const open = state.article?.id ?? state.damaged?.articleId;
    const around = open
      ? await store.query('articles/neighbours', { articleId: open })
      : { previous: null, next: (await store.query('articles/page', FIRST_ARTICLE))?.articles[0] ?? null };
    const next = around && (step === 1 ? around.next : around.previous);
    if (next) await store.openArticle(next.id);
  }

  const store = {
    getState: () => state,
    subscribe: listeners.subscribe,
    subscribeText: listeners.subscribeText,
    paintFirst: listeners.paintFirst,
    mutate,
    /** Runs the operations of one user action (e.g. create an entity and link it) as one undo step, all or nothing. */
    batch: history.batch,
    undo: () => history.replay('undo'),
    redo: () => history.replay('redo'),

    async init(preferredArticleId?: string) {
      // The article in the address is asked for with the rest, not after it: the first paint waits for one round trip.
      const early = preferredArticleId ? readArticle(preferredArticleId) : undefined;
      early?.catch(() => undefined);
      try {
        const registries = Promise.all([
          client.send('store/status', {}),
          client.send('entities/list', {}),
          client.send('events/list', {}),
        ]);
        // The list's first window goes with them (after them: it may end what was asked before the app loaded):
        // it names the store's first article, and the article list shows it as soon as the list is drawn.
        const listStart = client.send('articles/page', FIRST_ARTICLE);
        listStart.catch(() => undefined);
        firstWindow = listStart;
        const [status, entities, events] = await registries;
        set({ status, entities, events });
        // The saved undo history is read beside the article: the text never waits for it.
        const historyRead = history.load(status.location);
        // The whole article list can be tens of megabytes: the article opens without it, and the list pages it.
        const firstId = (await early?.then(
          () => true,
          (error: unknown) => !(error instanceof ClientError && error.code === 'not-found'),
        ))
          ? preferredArticleId
          : (await listStart).articles[0]?.id;
        // The user may have gone to another page while the store loaded: stay there.
        if (firstId)
          await store.openArticle(firstId, undefined, true, firstId === preferredArticleId ? early : undefined);
        await historyRead;
      } catch (error) {
        fail(error);
      }
    },

    /** `read`: the article and its layer already asked for (by `init`). */
    async openArticle(
      articleId: string,
      revealId?: string,
      keepRoute = false,
      read?: Promise<[Article, ArticleLayer]>,
    ) {
      try {
        if (state.article?.id !== articleId) {
          const [article, layer] = await (read ?? readArticle(articleId));
          set({
            article,
            titles: withTitles(state.titles, [article]),
            damaged: null,
            layer: { ...layer, annotations: [...layer.annotations].sort(byPosition) },
            selectedId: null,
            linking: null,
          });
        }
        // Reviewing goes on article by article; everything else shows the text.
        if (!keepRoute && (state.route.name !== 'review' || revealId)) set({ route: { name: 'article' } });
        if (revealId) store.reveal(revealId);
      } catch (error) {
        if (error instanceof ClientError && error.code === 'store-unreadable') {
          // The article's panel names the file and the reason, and offers its last good copy.
          await showDamaged(articleId, error);
          if (!keepRoute) set({ route: { name: 'article' } });
          return;
        }
        fail(error);
        await refreshStatus();
      }
    },

    /** Puts back the last good copy of an article's annotations file, then opens the article again. */
    async restore(articleId: string) {
      try {
        set({ status: await client.send('store/restore', { articleId }) });
      } catch (error) {
        fail(error);
        return;
      }
      await store.openArticle(articleId);
      if (state.article?.id === articleId)
        set({ notice: { tone: 'info', text: `Restored the last good copy of “${state.article.title}”` } });
    },

    /**
     * Opens the next (+1) or previous (-1) article of the list: the server
     * says which, the list is not needed. A key pressed again before the
     * article has come steps on from it, not from the one still shown.
     */
    stepArticle(step: 1 | -1): Promise<void> {
      stepping = stepping.then(() => stepOnce(step));
      return stepping;
    },

    /** The list's first window asked for at start, once (null after, or after an import: ask anew). */
    takeFirstWindow() {
      const taken = firstWindow;
      firstWindow = null;
      return taken;
    },

    /**
     * The titles of `articleIds` (those the store holds), asking the server
     * only for those not met yet; they are kept for labels and notices.
     */
    async titlesOf(articleIds: readonly string[]): Promise<Readonly<Record<string, string>>> {
      const missing = [...new Set(articleIds)].filter((id) => !(id in state.titles)).slice(0, 1000);
      if (missing.length > 0) {
        const found = await client.send('articles/summaries', { articleIds: missing }).catch(() => []);
        if (found.length > 0) set({ titles: withTitles(state.titles, found) });
      }
      return state.titles;
    },

    async tag(kind: string, start: number, end: number) {
      const article = state.article;
      if (!article) return;
      const span = trimSpan(article.text, start, end);
      if (!span) {
        set({ notice: { tone: 'info', text: 'Select some text first, then press the kind’s key.' } });
        return;
      }
      const now = new Date().toISOString();
      const draft: Annotation = {
        id: newId(),
        articleId: article.id,
        annotator: state.status?.annotator ?? '',
        kind,
        ...span,
        quote: article.text.slice(span.start, span.end),
        attributes: {},
        note: '',
        entityId: null,
        eventId: null,
        createdAt: now,
        updatedAt: now,
      };
      // Shown at once; the core's answer replaces it, or its refusal removes it.
      set({
        layer: { ...state.layer, annotations: placed(state.layer.annotations, draft) },
        selectedId: draft.id,
      });
      const creating = mutate('annotations/create', {
        id: draft.id,
        articleId: article.id,
        kind,
        start: draft.start,
        end: draft.end,
        quote: draft.quote,
      });
      // An edit of the new annotation made at once (a boundary key) waits until the core has it.
      pendingCreates.set(draft.id, creating);
      const created = await creating.finally(() => pendingCreates.delete(draft.id));
      if (!created && state.article?.id === article.id) {
        set({
          layer: { ...state.layer, annotations: state.layer.annotations.filter((a) => a.id !== draft.id) },
          selectedId: state.selectedId === draft.id ? null : state.selectedId,
        });
      }
    },

    /** Shows the edit at once; the core's answer confirms it, or its refusal puts the annotation back. */
    async updateAnnotation(
      id: string,
      patch: Omit<Args<'annotations/update'>, 'articleId' | 'id'>,
      merge?: MergeSteps,
    ) {
      const creating = pendingCreates.get(id);
      if (creating) await creating;
      const articleId = state.article?.id;
      const before = state.layer.annotations.find((a) => a.id === id);
      if (!articleId || !before) return null;
      const start = patch.start ?? before.start;
      const end = patch.end ?? before.end;
      const optimistic: Annotation = {
        ...before,
        start,
        end,
        quote: state.article?.text.slice(start, end) ?? before.quote,
        attributes: { ...before.attributes, ...patch.attributes },
        note: patch.note ?? before.note,
        entityId: patch.entityId === undefined ? before.entityId : patch.entityId,
        eventId: patch.eventId === undefined ? before.eventId : patch.eventId,
      };
      const swap = (from: Annotation, to: Annotation) =>
        set({ layer: { ...state.layer, annotations: state.layer.annotations.map((a) => (a === from ? to : a)) } });
      swap(before, optimistic);
      const updated = await mutate('annotations/update', { articleId, id, ...patch }, merge);
      if (!updated && state.article?.id === articleId) swap(optimistic, before);
      return updated;
    },

    /** Gives an annotation another kind; a notice says what the new kind could not keep. */
    retag: (id: string, kind: string) => corrections.retag(id, kind),

    /** Moves an annotation's ends; moves in quick succession are one undo step, unless `alone` (a drag). */
    moveEnds: (id: string, start: number, end: number, alone = false) => corrections.moveEnds(id, start, end, alone),

    /** Where an annotation's ends are about to be, counting moves not yet sent. */
    spanOf: (id: string) => corrections.spanOf(id),
    previewSpan,

    /** Asks for the keyboard focus to go to the details panel or back to the text. */
    requestFocus(target: 'details' | 'text') {
      set({ focusRequest: { target, n: state.focusRequest.n + 1 } });
    },

    updateAttributes(id: string, attributes: Annotation['attributes']) {
      return store.updateAnnotation(id, { attributes });
    },

    remove(id: string) {
      const articleId = state.article?.id;
      return articleId ? mutate('annotations/delete', { articleId, id }) : Promise.resolve(null);
    },

    /** Links two records; the link is shown at once (an arc over the text), and taken away again if the core refuses it. */
    async link(type: string, from: string, to: Args<'relations/create'>['to']) {
      const articleId = state.article?.id;
      if (!articleId) return null;
      const draft: Relation = {
        id: newId(),
        articleId,
        annotator: state.status?.annotator ?? '',
        type,
        from,
        to,
        createdAt: new Date().toISOString(),
      };
      set({ layer: { ...state.layer, relations: [...state.layer.relations, draft] } });
      const created = await mutate('relations/create', { id: draft.id, articleId, type, from, to });
      if (!created && state.article?.id === articleId)
        set({ layer: { ...state.layer, relations: state.layer.relations.filter((r) => r.id !== draft.id) } });
      return created;
    },

    unlink(relationId: string) {
      const articleId = state.article?.id;
      return articleId ? mutate('relations/delete', { articleId, id: relationId }) : Promise.resolve(null);
    },

    setDocumentLabels(labels: Annotation['attributes']) {
      const articleId = state.article?.id;
      return articleId ? mutate('documentLabels/set', { articleId, labels }) : Promise.resolve(null);
    },

    /** Marks the open article finished (or not) in the user's layer. */
    setDone(done: boolean) {
      const articleId = state.article?.id;
      return articleId ? mutate('documentLabels/set', { articleId, done }) : Promise.resolve(null);
    },

    /** Shows or hides one annotator's layer in the text and the list. */
    toggleLayer(annotator: string) {
      const hidden = state.hiddenLayers.includes(annotator)
        ? state.hiddenLayers.filter((name) => name !== annotator)
        : [...state.hiddenLayers, annotator];
      const selected = state.layer.annotations.find((a) => a.id === state.selectedId);
      set({
        hiddenLayers: hidden,
        selectedId: selected && hidden.includes(selected.annotator) ? null : state.selectedId,
      });
    },

    /** Saves the user's annotator name; new annotations go to that layer. */
    async setAnnotator(annotator: string) {
      try {
        const status = await client.send('settings/update', { annotator });
        set({ status, notice: { tone: 'info', text: `Your annotations now go to the layer of ${status.annotator}` } });
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },

    /** Saves other settings (the reviewing organisation); the session's status follows. */
    async saveSettings(settings: Args<'settings/update'>) {
      try {
        set({ status: await client.send('settings/update', settings) });
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },

    select(id: string | null) {
      if (state.selectedId !== id) set({ selectedId: id });
    },

    /** Selects the annotation and scrolls the text to it. */
    reveal(id: string) {
      set({ selectedId: id, revealRequest: state.revealRequest + 1 });
    },

    /** Moves the selection to the next (+1) or previous (-1) annotation in text order. */
    stepAnnotation(step: 1 | -1) {
      const list = state.visible;
      if (list.length === 0) return;
      const at = list.findIndex((a) => a.id === state.selectedId);
      const next = at < 0 ? (step === 1 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
      store.reveal(list[next]!.id);
    },

    startLinking(from: string | null, type: string | null = null) {
      set({
        linking: from ? { from, type } : null,
        notice: from
          ? {
              tone: 'info',
              text: 'Click the span to link to, or choose it with ] / [ or the caret and press Enter (Esc cancels).',
            }
          : null,
      });
    },

    /** Ends linking mode on `targetId` with the relation chosen, or the first the tagset allows. */
    async finishLinking(targetId: string) {
      const linking = state.linking;
      const tagset = state.status?.tagset;
      set({ linking: null, notice: null });
      if (!linking || !tagset) return;
      const from = state.layer.annotations.find((a) => a.id === linking.from);
      const to = state.layer.annotations.find((a) => a.id === targetId);
      if (!from || !to) return;
      const type =
        linking.type ??
        tagset.relations.find((r) => r.from.includes(from.kind) && r.to.includes(to.kind))?.type ??
        null;
      if (!type) {
        set({ notice: { tone: 'error', text: `The tagset has no relation from a ${from.kind} to a ${to.kind}` } });
        return;
      }
      // Selected with the link drawn, not when the core answers: a span chosen meanwhile stays chosen.
      const linked = store.link(type, from.id, { kind: 'annotation', id: to.id });
      store.select(from.id);
      await linked;
    },

    navigate(route: Route) {
      set({ route });
    },

    /** Exports the chosen part of the store in one format; the user saves the file where they choose. */
    async exportData(
      args: Args<'export/file'>,
      onProgress?: (done: number, total: number, phase?: 'reading' | 'writing') => void,
    ) {
      const jobId = newId();
      const poll = onProgress
        ? setInterval(
            () =>
              void client.send('jobs/progress', { jobId }).then(
                (p) => p && onProgress(p.done, p.total, p.phase),
                () => undefined,
              ),
            150,
          )
        : null;
      try {
        const {
          leftOut = [],
          notAdjudicated = [],
          notAnnotated = [],
          notes = [],
          ...file
        } = await client.send('export/file', { ...args, jobId });
        const saved = await store.saveFile(file);
        const outOfScope = outOfScopeText(notAdjudicated, notAnnotated, notes);
        if (saved && outOfScope)
          set({ notice: { tone: 'info', text: `${state.notice?.text ?? 'Exported'}. ${outOfScope}` } });
        if (saved && leftOut.length > 0) {
          await refreshStatus();
          set({ notice: { tone: 'error', text: `${state.notice?.text ?? 'Exported'}. ${leftOutText(leftOut)}` } });
        }
        return saved;
      } catch (error) {
        fail(error);
        return false;
      } finally {
        if (poll) clearInterval(poll);
      }
    },

    /** Hands a file to the user to save where they choose (a download in the web mode). */
    async saveFile(file: ExportFile) {
      try {
        const result = await client.saveFile(file);
        if (result.saved)
          set({
            notice: { tone: 'info', text: `Exported ${file.fileName}${result.path ? ` to ${result.path}` : ''}` },
          });
        return result.saved;
      } catch (error) {
        fail(error);
        return false;
      }
    },

    /** Reloads what an import may have changed: the article list's windows, registries, tagset, the open layer. */
    async refreshAfterImport() {
      const [status, first, entities, events] = await Promise.all([
        client.send('store/status', {}),
        client.send('articles/page', FIRST_ARTICLE),
        client.send('entities/list', {}),
        client.send('events/list', {}),
      ]);
      // Titles are kept (an article's title never changes); the list's windows are asked for again.
      firstWindow = null;
      set({ status, articlesVersion: state.articlesVersion + 1, entities, events });
      const open = state.article?.id ?? state.damaged?.articleId ?? first.articles[0]?.id;
      if (open) {
        const layer = await client.send('annotations/list', { articleId: open });
        if (state.article?.id === open)
          set({ layer: { ...layer, annotations: [...layer.annotations].sort(byPosition) } });
        else await store.openArticle(open);
      }
    },

    /** Runs a read-only operation, reporting failure in the notice line. */
    async query<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K] | null> {
      try {
        const result = await client.send(name, args);
        // Files found damaged on the way: the article list marks them.
        if (leftOutOf(result).length > 0) await refreshStatus();
        return result;
      } catch (error) {
        fail(error);
        return null;
      }
    },

    /** Subscribes to desktop menu commands ("import", "export"). */
    onCommand: (listener: (command: string) => void) => client.onCommand(listener),

    notify(notice: Notice | null) {
      set({ notice });
    },

    dismissNotice() {
      set({ notice: null });
    },
  };
  return store;
}
