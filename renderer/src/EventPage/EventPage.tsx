import { RecordPage, plural } from '../EntityPage/page-parts';
import { usePage } from '../EntityPage/use-page';
import { LeftOutLine } from '../LeftOutLine/LeftOutLine';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { EventFields } from './EventFields';
import { ReportColumn } from './ReportColumn';
import { RoleArgumentList } from './RoleArgumentList';
import '../EntityPage/pages.css';
import './event-page.css';

/**
 * One real-world event (route `{name: 'event', id}`): its record, the roles
 * its mentions give (every argument with its article and layer), then every
 * article reporting it side by side, one column each, with the roles and the
 * claims made around each mention. The fields edit the store's copy at once;
 * the reports reload after every change.
 */
export function EventPage({ id }: { id: string }) {
  const store = useWorkspaceStore();
  const event = useWorkspace((s) => s.events.find((e) => e.id === id));
  const { page, failed } = usePage('events/page', id, event !== undefined);

  if (!event)
    return (
      <RecordPage label="Event">
        <p className="hint">This event record no longer exists: it was deleted, or its creation was undone.</p>
      </RecordPage>
    );

  const remove = async () => (await store.mutate('events/delete', { id })) !== null;
  const addParticipant = (entityId: string) =>
    void store.mutate('events/update', { id, participants: [...event.participants, entityId] });
  const mentions = page?.reports.reduce((n, r) => n + r.mentions.length, 0) ?? 0;
  const summary = [
    event.date,
    event.place,
    page && `${plural(mentions, 'mention')} in ${plural(page.reports.length, 'article')}`,
  ];
  return (
    <RecordPage label="Event" deleteLabel="Delete event" onDelete={remove}>
      <header className="record-header">
        <p className="record-kind">Event · {event.type}</p>
        <h1>{event.title}</h1>
        <p className="meta">{summary.filter(Boolean).join(' · ')}</p>
        {page && <LeftOutLine leftOut={page.leftOut} />}
      </header>
      <EventFields event={event} />
      {page && (
        <RoleArgumentList reports={page.reports} participants={event.participants} onAddParticipant={addParticipant} />
      )}
      <h2>
        Reports
        {page && ` (${page.reports.length})`}
      </h2>
      {!page ? (
        <p className="hint">{failed ? 'The reports could not be loaded.' : 'Loading the reports…'}</p>
      ) : page.reports.length === 0 ? (
        <p className="hint">No event mention is linked to this record yet.</p>
      ) : (
        <div className="report-grid">
          {page.reports.map((report) => (
            <ReportColumn key={report.articleId} report={report} />
          ))}
        </div>
      )}
    </RecordPage>
  );
}
