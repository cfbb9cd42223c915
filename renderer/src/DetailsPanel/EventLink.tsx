import { useState } from 'react';
import type { Annotation } from '../../../annotations/model';
import { shownQuote } from '../ArticleView/quote-pieces';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** Links an event mention to a cross-article event record, or makes a new record from it. */
export function EventLink({ annotation }: { annotation: Annotation }) {
  const store = useWorkspaceStore();
  const events = useWorkspace((s) => s.events);
  const linked = events.find((e) => e.id === annotation.eventId) ?? null;
  const [choice, setChoice] = useState('');
  const [title, setTitle] = useState(() => shownQuote(annotation));

  if (linked) {
    return (
      <div className="link-box" aria-label="Event record">
        <span className="meta">Event record</span>
        <button type="button" className="link-chip" onClick={() => store.navigate({ name: 'event', id: linked.id })}>
          {linked.title}
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void store.updateAnnotation(annotation.id, { eventId: null })}
        >
          Unlink event
        </button>
      </div>
    );
  }

  const create = () => {
    const type = typeof annotation.attributes.eventType === 'string' ? annotation.attributes.eventType : 'other';
    // One undo step: the new record and the link to it come and go together.
    return store.batch(`New event record ${title.trim()}`, async () => {
      const event = await store.mutate('events/create', { title: title.trim(), type });
      return event && store.updateAnnotation(annotation.id, { eventId: event.id });
    });
  };

  return (
    <div className="link-box" aria-label="Event record">
      <div className="row">
        <select aria-label="Existing event record" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Link to an event record…</option>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
              {e.date ? ` (${e.date})` : ''}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!choice}
          onClick={() => void store.updateAnnotation(annotation.id, { eventId: choice })}
        >
          Link event
        </button>
      </div>
      <div className="row">
        <input aria-label="New event title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="button" disabled={title.trim() === ''} onClick={() => void create()}>
          New event record
        </button>
      </div>
    </div>
  );
}
