import type { SessionStatus } from '../../../annotations/contract';
import type { Attributes } from '../../../annotations/attributes';
import type { Annotation, Article, ArticleSummary } from '../../../annotations/model';
import { trimSpan } from '../../../annotations/spans';
import type { FactmarkClient } from '../client/factmark-client';

export interface Notice {
  tone: 'error' | 'info';
  text: string;
}

export interface WorkspaceState {
  status: SessionStatus | null;
  articles: ArticleSummary[];
  article: Article | null;
  /** The open article's annotations, ordered by start then end. */
  annotations: Annotation[];
  selectedId: string | null;
  /** Bumped when the user asks to see an annotation (a list click): the text scrolls to it. */
  revealRequest: number;
  /** Writes sent and not yet confirmed; zero means everything is saved. */
  pendingWrites: number;
  notice: Notice | null;
}

export interface WorkspaceStore {
  getState(): WorkspaceState;
  subscribe(listener: () => void): () => void;
  init(preferredArticleId?: string): Promise<void>;
  openArticle(articleId: string): Promise<void>;
  tag(kind: string, start: number, end: number): Promise<void>;
  updateAttributes(id: string, patch: Attributes): Promise<void>;
  remove(id: string): Promise<void>;
  select(id: string | null): void;
  /** Selects the annotation and scrolls the text to it. */
  reveal(id: string): void;
  exportJsonl(): Promise<void>;
  dismissNotice(): void;
}

const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end;

/**
 * The editor's framework-free state. Edits show at once and are confirmed by
 * the core; one the core refuses is rolled back and explained.
 */
export function createWorkspaceStore(client: FactmarkClient, newId = () => crypto.randomUUID()): WorkspaceStore {
  let state: WorkspaceState = {
    status: null,
    articles: [],
    article: null,
    annotations: [],
    selectedId: null,
    revealRequest: 0,
    pendingWrites: 0,
    notice: null,
  };
  const listeners = new Set<() => void>();

  function set(patch: Partial<WorkspaceState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  function fail(error: unknown): void {
    set({ notice: { tone: 'error', text: error instanceof Error ? error.message : String(error) } });
  }

  /** Applies `optimistic` now, sends `write`, and restores the annotations if it fails. */
  async function edit(optimistic: Annotation[], write: () => Promise<Annotation | void>): Promise<void> {
    const before = state.annotations;
    const articleId = state.article?.id;
    set({ annotations: optimistic, pendingWrites: state.pendingWrites + 1 });
    try {
      const confirmed = await write();
      if (confirmed && state.article?.id === articleId) {
        set({ annotations: state.annotations.map((a) => (a.id === confirmed.id ? confirmed : a)) });
      }
    } catch (error) {
      if (state.article?.id === articleId) set({ annotations: before });
      fail(error);
    } finally {
      set({ pendingWrites: state.pendingWrites - 1 });
    }
  }

  const store: WorkspaceStore = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async init(preferredArticleId) {
      try {
        const [status, articles] = await Promise.all([client.send('store/status', {}), client.send('articles/list', {})]);
        set({ status, articles });
        const first = articles.find((a) => a.id === preferredArticleId) ?? articles[0];
        if (first) await store.openArticle(first.id);
      } catch (error) {
        fail(error);
      }
    },

    async openArticle(articleId) {
      try {
        const [article, annotations] = await Promise.all([
          client.send('articles/get', { articleId }),
          client.send('annotations/list', { articleId }),
        ]);
        set({ article, annotations: [...annotations].sort(byPosition), selectedId: null });
      } catch (error) {
        fail(error);
        const status = await client.send('store/status', {}).catch(() => null);
        if (status) set({ status });
      }
    },

    async tag(kind, start, end) {
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
        createdAt: now,
        updatedAt: now,
      };
      set({ selectedId: draft.id });
      await edit([...state.annotations, draft].sort(byPosition), () =>
        client.send('annotations/create', {
          id: draft.id,
          articleId: draft.articleId,
          kind,
          start: draft.start,
          end: draft.end,
          quote: draft.quote,
        }),
      );
    },

    async updateAttributes(id, patch) {
      const articleId = state.article?.id;
      if (!articleId) return;
      const next = state.annotations.map((a) => (a.id === id ? { ...a, attributes: { ...a.attributes, ...patch } } : a));
      await edit(next, () => client.send('annotations/update', { articleId, id, attributes: patch }));
    },

    async remove(id) {
      const articleId = state.article?.id;
      if (!articleId) return;
      if (state.selectedId === id) set({ selectedId: null });
      await edit(
        state.annotations.filter((a) => a.id !== id),
        async () => void (await client.send('annotations/delete', { articleId, id })),
      );
    },

    select(id) {
      if (state.selectedId !== id) set({ selectedId: id });
    },

    reveal(id) {
      set({ selectedId: id, revealRequest: state.revealRequest + 1 });
    },

    async exportJsonl() {
      try {
        const file = await client.send('export/jsonl', {});
        const result = await client.saveFile(file);
        if (result.saved) set({ notice: { tone: 'info', text: `Exported ${file.fileName}${result.path ? ` to ${result.path}` : ''}` } });
      } catch (error) {
        fail(error);
      }
    },

    dismissNotice() {
      set({ notice: null });
    },
  };
  return store;
}
