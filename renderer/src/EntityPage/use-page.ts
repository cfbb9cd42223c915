import { useEffect, useState } from 'react';
import type { Args, Results } from '../../../annotations/contract';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

type PageName = 'entities/page' | 'events/page';

export interface PageLoad<T> {
  page: T | null;
  /** The last load was refused; the store has shown why. */
  failed: boolean;
}

/**
 * Loads an entity's or event's page, and loads it again after every change
 * the workspace sees (an edit, an undo, a redo, another article's layer), so
 * the page never goes stale. A record that no longer exists (`exists` false)
 * is not asked for: the page says so instead.
 */
export function usePage<K extends PageName>(name: K, id: string, exists: boolean): PageLoad<Results[K]> {
  const store = useWorkspaceStore();
  const entities = useWorkspace((s) => s.entities);
  const events = useWorkspace((s) => s.events);
  const layer = useWorkspace((s) => s.layer);
  const undoStack = useWorkspace((s) => s.undoStack);
  const redoStack = useWorkspace((s) => s.redoStack);
  const [load, setLoad] = useState<PageLoad<Results[K]> & { id: string | null }>({
    id: null,
    page: null,
    failed: false,
  });

  useEffect(() => {
    if (!exists) return;
    let live = true;
    void store.query(name, { id } as Args<K>).then((page) => {
      if (!live) return;
      // A refused reload keeps what was shown; the notice line says what went wrong.
      setLoad((previous) => (page ? { id, page, failed: false } : { ...previous, failed: true }));
    });
    return () => {
      live = false;
    };
  }, [store, name, id, exists, entities, events, layer, undoStack, redoStack]);

  return load.id === id ? load : { page: null, failed: load.failed };
}
