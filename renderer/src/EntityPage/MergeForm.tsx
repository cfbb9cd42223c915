import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { Entity } from '../../../annotations/model';
import { nameSimilarity } from '../../../annotations/name-match';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** The score from which the core suggests an entity for a name ("Hayali" → "Erfan al-Hiyali"). */
const SIMILAR = 0.8;

const namesOf = (e: Entity) => [e.name, ...e.aliases];

/** Whether any name or alias of `a` is close to one of `b`'s. */
function similar(a: Entity, b: Entity): boolean {
  return namesOf(a).some((x) => namesOf(b).some((y) => nameSimilarity(x, y) >= SIMILAR));
}

/**
 * Merges another entity into this one: its mentions, relations and event
 * roles move here, its names become aliases, and it is deleted (one undo
 * step). Entities with similar names are offered first.
 */
export function MergeForm({ entity }: { entity: Entity }) {
  const store = useWorkspaceStore();
  const entities = useWorkspace((s) => s.entities);
  const title = useId();
  const [fromId, setFromId] = useState('');

  const { likely, rest } = useMemo(() => {
    const others = entities.filter((e) => e.id !== entity.id).sort((a, b) => a.name.localeCompare(b.name));
    const likely = others.filter((e) => similar(entity, e));
    return { likely, rest: others.filter((e) => !likely.includes(e)) };
  }, [entities, entity]);
  const from = entities.find((e) => e.id === fromId && e.id !== entity.id);
  const sameName = (e: Entity) => entities.filter((o) => o.name === e.name).length > 1;
  const option = (e: Entity) => (
    <option key={e.id} value={e.id}>
      {sameName(e) ? `${e.name} (${e.type}, ${e.id})` : e.name}
    </option>
  );

  const merge = async (event: FormEvent) => {
    event.preventDefault();
    if (!from) return;
    const merged = await store.mutate('entities/merge', { into: entity.id, from: [from.id] });
    if (merged) setFromId('');
  };

  return (
    <form className="page-form" aria-labelledby={title} onSubmit={(e) => void merge(e)}>
      <h2 id={title}>Merge another entity into this one</h2>
      {likely.length + rest.length === 0 ? (
        <p className="hint">There is no other entity.</p>
      ) : (
        <>
          <div className="page-form-row">
            <select aria-label="Entity to merge" value={from?.id ?? ''} onChange={(e) => setFromId(e.target.value)}>
              <option value="">Choose an entity…</option>
              {likely.length > 0 && <optgroup label="Similar names">{likely.map(option)}</optgroup>}
              {likely.length === 0
                ? rest.map(option)
                : rest.length > 0 && <optgroup label="Other entities">{rest.map(option)}</optgroup>}
            </select>
            <button type="submit" disabled={!from}>
              Merge
            </button>
          </div>
          <p className="meta">
            {from
              ? `“${from.name}” will be deleted: its names become aliases of “${entity.name}”, and its mentions, relations and event roles move here.`
              : likely.length > 0
                ? `Similar names: ${likely.map((e) => e.name).join(', ')}.`
                : 'Choose the entity that names the same person, organisation or place.'}
          </p>
        </>
      )}
    </form>
  );
}
