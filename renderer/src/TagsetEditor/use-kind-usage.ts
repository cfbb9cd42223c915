import { useEffect, useState } from 'react';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { useWorkspaceStore } from '../state/workspace-context';
import { isChoice } from './attribute-edits';

/** How many annotations of a saved kind, across the corpus and every layer, use its attributes. */
export interface KindUsage {
  /** `attribute=option` → annotations holding that option. */
  options: Map<string, number>;
  /** attribute → annotations holding any value for it. */
  held: Map<string, number>;
}

export const optionKey = (attribute: string, option: string) => `${attribute}=${option}`;

/**
 * Counts, for the saved definition of a kind, the annotations that hold each
 * option and each attribute: what removing one would touch. Null until the
 * counts arrive (or when they cannot be had); a new draft attribute or option
 * has none in use.
 */
export function useKindUsage(saved: SpanKindDefinition | undefined): KindUsage | null {
  const store = useWorkspaceStore();
  const [usage, setUsage] = useState<KindUsage | null>(null);
  const key = saved ? JSON.stringify(saved) : '';
  useEffect(() => {
    if (!saved) return;
    let live = true;
    const count = async (attribute?: { name: string; value: string | null }) =>
      (await store.query('search/query', { kind: saved.kind, ...(attribute && { attribute }), limit: 1 }))?.total;
    void (async () => {
      const total = await count();
      const options = new Map<string, number>();
      const held = new Map<string, number>();
      await Promise.all(
        saved.attributes.map(async (def) => {
          const unset = await count({ name: def.name, value: null });
          if (total !== undefined && unset !== undefined) held.set(def.name, total - unset);
          if (!isChoice(def)) return;
          for (const option of def.options) {
            const n = await count({ name: def.name, value: option });
            if (n !== undefined) options.set(optionKey(def.name, option), n);
          }
        }),
      );
      if (live) setUsage({ options, held });
    })();
    return () => {
      live = false;
    };
    // The saved definition, by value: a new object with the same content asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, store]);
  return usage;
}
