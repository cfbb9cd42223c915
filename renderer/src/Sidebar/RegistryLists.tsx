import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** Every normalised entity; a click opens its page. */
export function EntityList() {
  const store = useWorkspaceStore();
  const entities = useWorkspace((s) => s.entities);
  return (
    <nav className="registry-list" aria-label="Entities">
      {entities.length === 0 && <p className="hint">Link a speaker or entity mention to create the first entity.</p>}
      <ul>
        {[...entities]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((e) => (
            <li key={e.id}>
              <button type="button" onClick={() => store.navigate({ name: 'entity', id: e.id })}>
                <span className="title">{e.name}</span>
                <span className="meta">
                  {e.type}
                  {e.aliases.length > 0 ? ` · also ${e.aliases.join(', ')}` : ''}
                </span>
              </button>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Every cross-article event record; a click opens its page. */
export function EventList() {
  const store = useWorkspaceStore();
  const events = useWorkspace((s) => s.events);
  return (
    <nav className="registry-list" aria-label="Events">
      {events.length === 0 && (
        <p className="hint">Link an event mention to a new event record to create the first one.</p>
      )}
      <ul>
        {events.map((e) => (
          <li key={e.id}>
            <button type="button" onClick={() => store.navigate({ name: 'event', id: e.id })}>
              <span className="title">{e.title}</span>
              <span className="meta">
                {e.type}
                {e.date ? ` · ${e.date}` : ''}
                {e.place ? ` · ${e.place}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
