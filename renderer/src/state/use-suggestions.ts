import { useSyncExternalStore } from 'react';
import { createSuggestionsStore } from './suggestions';
import type { SuggestionsState, SuggestionsStore } from './suggestions';
import { workspaceSuggestionsApi } from './suggestions-api';
import { useWorkspaceStore } from './workspace-context';
import type { WorkspaceStore } from './workspace-store';

/** One suggestions store per workspace store, made when first asked for. */
const stores = new WeakMap<WorkspaceStore, SuggestionsStore>();

export function suggestionsOf(workspace: WorkspaceStore): SuggestionsStore {
  let store = stores.get(workspace);
  if (!store) {
    store = createSuggestionsStore({
      getState: workspace.getState,
      subscribe: workspace.subscribe,
      api: workspaceSuggestionsApi(workspace),
    });
    stores.set(workspace, store);
  }
  return store;
}

export function useSuggestionsStore(): SuggestionsStore {
  return suggestionsOf(useWorkspaceStore());
}

/** Subscribes a component to one slice of the suggestions' state. */
export function useSuggestions<T>(select: (state: SuggestionsState) => T): T {
  const store = useSuggestionsStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
