import type { Annotation, Entity, EventRecord } from '../../../annotations/model';
import { CommitField } from '../EntityPage/CommitField';
import { usePage } from '../EntityPage/use-page';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

const isEntity = (target: Annotation | Entity | null): target is Entity => target !== null && 'aliases' in target;

/** One real event: its record, and every article reporting it, side by side with the claims made about it. */
export function EventPage({ id }: { id: string }) {
  const store = useWorkspaceStore();
  const page = usePage('events/page', id);
  const entities = useWorkspace((s) => s.entities);
  const eventKind = useWorkspace((s) => s.status?.tagset.kinds.find((k) => k.linksEvent));
  const typeAttribute = eventKind?.attributes.find((a) => a.name === 'eventType');
  const typeOptions = typeAttribute && typeAttribute.type === 'choice' ? typeAttribute.options : [];

  if (!page) return <section className="page" aria-label="Event" />;
  const { event } = page;
  const update = (patch: Partial<Omit<EventRecord, 'id'>>) => void store.mutate('events/update', { id, ...patch });
  const open = (articleId: string, annotationId: string) => void store.openArticle(articleId, annotationId);

  return (
    <section className="page event-page" aria-label="Event" key={event.updatedAt}>
      <div className="page-actions">
        <button type="button" onClick={() => store.navigate({ name: 'article' })}>
          Back to the article
        </button>
        <button type="button" className="danger" onClick={() => void store.mutate('events/delete', { id }).then((r) => r && store.navigate({ name: 'article' }))}>
          Delete event record
        </button>
      </div>
      <h1>{event.title}</h1>
      <div className="form-grid">
        <CommitField label="Title" value={event.title} onCommit={(title) => update({ title })} />
        <CommitField label="Type" value={event.type} list="event-types" onCommit={(type) => update({ type })} />
        <datalist id="event-types">
          {typeOptions.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <CommitField label="Date" type="date" value={event.date ?? ''} onCommit={(date) => update({ date: date || null })} />
        <CommitField label="Place" value={event.place ?? ''} onCommit={(place) => update({ place: place.trim() || null })} />
        <label className="field">
          <span>Participants</span>
          <select
            multiple
            value={event.participants}
            onChange={(e) => update({ participants: Array.from(e.target.selectedOptions, (o) => o.value) })}
          >
            {entities.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      <h2>Reported by {page.reports.length} article{page.reports.length === 1 ? '' : 's'}</h2>
      <div className="reports">
        {page.reports.map((report) => (
          <article key={report.articleId} aria-label={report.title} className="report">
            <h3>{report.title}</h3>
            <h4>Mentions</h4>
            <ul>
              {report.mentions.map((m) => (
                <li key={m.id}>
                  <button type="button" className="plain" onClick={() => open(report.articleId, m.id)}>
                    “{m.quote}” <span className="meta">{String(m.attributes.eventType ?? '')}</span>
                  </button>
                </li>
              ))}
            </ul>
            {report.roles.length > 0 && (
              <>
                <h4>Roles</h4>
                <ul>
                  {report.roles.map(({ relation, target }) => (
                    <li key={relation.id}>
                      <strong>{relation.type}</strong>: {isEntity(target) ? target.name : target ? `“${target.quote}”` : '—'}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h4>Claims in the same paragraphs</h4>
            {report.claims.length === 0 && <p className="hint">None tagged.</p>}
            <ul>
              {report.claims.map((c) => (
                <li key={c.id}>
                  <button type="button" className="plain" onClick={() => open(report.articleId, c.id)}>
                    “{c.quote}” <span className="meta">{String(c.attributes.verdict ?? '')}</span>
                  </button>
                </li>
              ))}
            </ul>
          </article>
        ))}
      </div>
    </section>
  );
}
