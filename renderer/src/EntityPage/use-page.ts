import { useEffect, useState } from 'react';
import type { Args, EntityPage, EventPage } from '../../../annotations/contract';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/**
 * Loads an entity's or event's page, again whenever the registries or the
 * open article's layer change (an edit, an undo), so the page never goes stale.
 */
export function usePage<K extends 'entities/page' | 'events/page'>(name: K, id: string): (K extends 'entities/page' ? EntityPage : EventPage) | null {
  const store = useWorkspaceStore();
  const entities = useWorkspace((s) => s.entities);
  const events = useWorkspace((s) => s.events);
  const layer = useWorkspace((s) => s.layer);
  const [page, setPage] = useState<EntityPage | EventPage | null>(null);
  useEffect(() => {
    let live = true;
    void store.query(name, { id } as Args<K>).then((result) => live && setPage(result));
    return () => {
      live = false;
    };
  }, [store, name, id, entities, events, layer]);
  return page as (K extends 'entities/page' ? EntityPage : EventPage) | null;
}
