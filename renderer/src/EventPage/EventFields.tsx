import { useId } from 'react';
import type { EventRecord } from '../../../annotations/model';
import type { Tagset } from '../../../annotations/tagset';
import { CommitField } from '../EntityPage/CommitField';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { Participants } from './Participants';

export type EventPatch = Partial<Pick<EventRecord, 'title' | 'type' | 'date' | 'place' | 'participants'>>;

const NO_OPTIONS: readonly string[] = [];

/** The options of the event kind's `eventType` choice attribute, if the tagset has one. */
function eventTypeOptions(tagset: Tagset | undefined): readonly string[] {
  const kind = tagset?.kinds.find((k) => k.kind === 'event') ?? tagset?.kinds.find((k) => k.linksEvent);
  const attribute = kind?.attributes.find((a) => a.name === 'eventType');
  return attribute?.type === 'choice' ? attribute.options : NO_OPTIONS;
}

/** The event record's own fields, each saved on its own as one undo step. */
export function EventFields({ event }: { event: EventRecord }) {
  const store = useWorkspaceStore();
  const typeOptions = useWorkspace((s) => eventTypeOptions(s.status?.tagset));
  const typeList = useId();

  /** Saves the patch unless it changes nothing; answers whether it was saved. */
  const save = async (patch: EventPatch): Promise<boolean> => {
    const changes = Object.entries(patch).some(
      ([field, value]) => JSON.stringify(event[field as keyof EventPatch]) !== JSON.stringify(value),
    );
    if (!changes) return false;
    if (patch.title === '' || patch.type === '') {
      store.notify({ tone: 'error', text: `An event record needs a ${patch.title === '' ? 'title' : 'type'}.` });
      return false;
    }
    return (await store.mutate('events/update', { id: event.id, ...patch })) !== null;
  };

  return (
    <div className="record-fields">
      <CommitField label="Title" value={event.title} onCommit={(title) => save({ title: title.trim() })} />
      <CommitField
        label="Type"
        value={event.type}
        list={typeOptions.length > 0 ? typeList : undefined}
        onCommit={(type) => save({ type: type.trim() })}
      />
      {typeOptions.length > 0 && (
        <datalist id={typeList}>
          {typeOptions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      )}
      <CommitField
        label="Date"
        type="date"
        value={event.date ?? ''}
        onCommit={(date) => save({ date: date || null })}
      />
      <CommitField
        label="Place"
        value={event.place ?? ''}
        placeholder="Where it happened"
        onCommit={(place) => save({ place: place.trim() || null })}
      />
      <Participants participants={event.participants} onChange={(participants) => save({ participants })} />
    </div>
  );
}
