import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { StoreProblem } from '../../../annotations/repository';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import type { WorkspaceState, WorkspaceStore } from './workspace-store';

const WorkspaceContext = createContext<WorkspaceStore | null>(null);

export function WorkspaceProvider({ store, children }: { store: WorkspaceStore; children: ReactNode }) {
  return <WorkspaceContext.Provider value={store}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspaceStore(): WorkspaceStore {
  const store = useContext(WorkspaceContext);
  if (!store) throw new Error('useWorkspaceStore needs a WorkspaceProvider');
  return store;
}

/** Subscribes a component to one slice of the workspace state. */
export function useWorkspace<T>(select: (state: WorkspaceState) => T): T {
  const store = useWorkspaceStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** Stable empty values for selectors: a fresh `[]` per call would re-render forever. */
export const NO_KINDS: readonly SpanKindDefinition[] = [];
export const NO_PROBLEMS: readonly StoreProblem[] = [];
