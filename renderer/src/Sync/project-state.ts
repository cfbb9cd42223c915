import { useSyncExternalStore } from 'react';
import type { Args } from '../../../annotations/contract';
import type { ProjectStatus, SyncOutcome } from '../../../annotations/project';
import type { WorkspaceStore } from '../state/workspace-store';

export type ProjectAction = 'sync' | 'publish' | 'clone';

export interface ProjectState {
  status: ProjectStatus | null;
  /** What runs now: the Sync button and the dialog wait for it. */
  busy: ProjectAction | null;
  /** The last outcome of this window, for the dialog to say. */
  outcome: SyncOutcome | null;
}

/**
 * The team project as the window knows it, shared by the top bar's Sync
 * button and the project dialog: one per workspace store.
 */
export interface ProjectModel {
  getState(): ProjectState;
  subscribe(listener: () => void): () => void;
  refresh(): Promise<void>;
  sync(args?: Args<'project/sync'>): Promise<SyncOutcome | null>;
  publish(args: Args<'project/publish'>): Promise<SyncOutcome | null>;
  clone(args: Args<'project/clone'>): Promise<SyncOutcome | null>;
  forgetCredentials(): Promise<void>;
}

/** What a sync's status asks of the window: read the store again when something came in. */
const BROUGHT_IN = new Set(['pulled', 'merged']);

const models = new WeakMap<WorkspaceStore, ProjectModel>();

export function projectModel(store: WorkspaceStore, reloadPage: () => void = () => window.location.reload()) {
  let model = models.get(store);
  if (model) return model;
  let state: ProjectState = { status: null, busy: null, outcome: null };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ProjectState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };

  async function run(action: ProjectAction, work: () => Promise<SyncOutcome | null>): Promise<SyncOutcome | null> {
    if (state.busy) return null;
    set({ busy: action });
    let outcome: SyncOutcome | null = null;
    try {
      outcome = await work();
    } finally {
      set({ busy: null, ...(outcome ? { outcome, status: outcome.project } : {}) });
    }
    if (!outcome) return null;
    if (outcome.status === 'cloned') reloadPage();
    else if (BROUGHT_IN.has(outcome.status)) await store.refreshAfterImport();
    if (outcome.status !== 'failed' && outcome.status !== 'conflicts')
      store.notify({ tone: 'info', text: outcome.message });
    return outcome;
  }

  model = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async refresh() {
      const status = await store.query('project/status', {});
      if (status) set({ status });
    },
    sync: (args = {}) => run('sync', () => store.query('project/sync', args)),
    publish: (args) => run('publish', () => store.query('project/publish', args)),
    clone: (args) => run('clone', () => store.query('project/clone', args)),
    async forgetCredentials() {
      const status = await store.query('project/forget-credentials', {});
      if (status) set({ status, outcome: null });
    },
  };
  models.set(store, model);
  return model;
}

export function useProject<T>(model: ProjectModel, select: (state: ProjectState) => T): T {
  return useSyncExternalStore(model.subscribe, () => select(model.getState()));
}
