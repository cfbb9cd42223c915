import { useId } from 'react';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/**
 * The entities taking part in the event: each a link to its page with a
 * remove button, and a select that adds one more.
 */
export function Participants({
  participants,
  onChange,
}: {
  participants: readonly string[];
  onChange: (participants: string[]) => Promise<boolean>;
}) {
  const store = useWorkspaceStore();
  const entities = useWorkspace((s) => s.entities);
  const title = useId();
  const taking = participants.map((id) => ({ id, entity: entities.find((e) => e.id === id) }));
  const addable = entities.filter((e) => !participants.includes(e.id)).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="field participants" role="group" aria-labelledby={title}>
      <span id={title}>Participants</span>
      <ul aria-label="Participants">
        {taking.map(({ id, entity }) => (
          <li key={id} className="participant">
            <button
              type="button"
              className="plain"
              disabled={!entity}
              onClick={() => store.navigate({ name: 'entity', id })}
            >
              {entity?.name ?? 'an entity that no longer exists'}
            </button>
            <button
              type="button"
              className="remove"
              aria-label={`Remove participant ${entity?.name ?? id}`}
              title="Remove"
              onClick={() => void onChange(participants.filter((p) => p !== id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {taking.length === 0 && <p className="hint">None yet.</p>}
      {addable.length > 0 && (
        <select
          aria-label="Add participant"
          value=""
          onChange={(e) => e.target.value && void onChange([...participants, e.target.value])}
        >
          <option value="">Add a participant…</option>
          {addable.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
