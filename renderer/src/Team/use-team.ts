import { useSyncExternalStore } from 'react';
import type { WorkspaceStore } from '../state/workspace-store';
import { useWorkspaceStore } from '../state/workspace-context';
import { createTeamStore } from './team-store';
import type { TeamState, TeamStore } from './team-store';

/** One team store per workspace store, made when a component first asks for it. */
const stores = new WeakMap<WorkspaceStore, TeamStore>();

export function useTeamStore(): TeamStore {
  const workspace = useWorkspaceStore();
  let store = stores.get(workspace);
  if (!store) {
    store = createTeamStore(workspace);
    stores.set(workspace, store);
  }
  return store;
}

/** Subscribes a component to one slice of the team's state. */
export function useTeam<T>(select: (state: TeamState) => T): T {
  const store = useTeamStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
