import type { ConflictView, WireConflictChoice } from '../../../annotations/project';
import type { MergeConflict, SnapshotRecord } from '../../../annotations/sync';
import { recordRows } from './record-rows';

/** Beyond this many fields alike on both sides, those alike fold away. */
const SHOWN_ALIKE = 6;

function elementName(conflict: MergeConflict & { type: 'tagset-use' }): string {
  const { element } = conflict;
  if (element.type === 'documentLabels') return 'the article labels';
  return `${element.type === 'kind' ? 'the kind' : 'the relation type'} “${element.name}”`;
}

/** What each choice does, in the words of this conflict. */
export function choiceLabel(conflict: MergeConflict, choice: WireConflictChoice): string {
  switch (choice) {
    case 'ours':
      return conflict.type === 'record' && conflict.ours === null ? 'Keep it deleted (yours)' : 'Keep your version';
    case 'theirs':
      return conflict.type === 'record' && conflict.theirs === null
        ? 'Delete it (the project’s)'
        : 'Take the project’s version';
    case 'keep':
      return conflict.type === 'tagset-use' ? `Keep ${elementName(conflict)} in the tagset` : 'Keep';
    case 'drop':
      if (conflict.type === 'tagset-use' || conflict.type === 'text-mismatch') {
        const n = conflict.records.length;
        return `Drop the ${n} record${n === 1 ? '' : 's'} that use${n === 1 ? 's' : ''} it`;
      }
      return 'Drop the link';
    case 'restore':
      return 'Restore what it points to';
  }
}

function describe(record: SnapshotRecord): string {
  const v = record.value as unknown as Record<string, unknown>;
  switch (record.type) {
    case 'annotation':
      return `${String(v.annotator)}’s ${String(v.kind)} “${String(v.quote)}”`;
    case 'relation':
      return `${String(v.annotator)}’s ${String(v.type)} link`;
    case 'entity':
      return `entity “${String(v.name)}”`;
    case 'event':
      return `event “${String(v.title)}”`;
    default:
      return record.type;
  }
}

function SideBySide({ ours, theirs }: { ours: SnapshotRecord | null; theirs: SnapshotRecord | null }) {
  const rows = recordRows(ours?.value ?? null, theirs?.value ?? null);
  const differing = rows.filter((r) => r.differs);
  const alike = rows.filter((r) => !r.differs);
  const shownAlike = alike.length > SHOWN_ALIKE ? [] : alike;
  return (
    <table className="side-by-side">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Yours{ours === null ? ' (deleted)' : ''}</th>
          <th scope="col">The project’s{theirs === null ? ' (deleted)' : ''}</th>
        </tr>
      </thead>
      <tbody>
        {[...differing, ...shownAlike].map((row) => (
          <tr key={row.path} className={row.differs ? 'differs' : undefined}>
            <th scope="row">{row.path || 'value'}</th>
            <td>{row.ours ?? '—'}</td>
            <td>{row.theirs ?? '—'}</td>
          </tr>
        ))}
        {shownAlike.length === 0 && alike.length > 0 && (
          <tr>
            <td colSpan={3} className="hint">
              {alike.length} other fields are the same on both sides.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** One conflict: what it is about, both versions side by side, and the choices it takes. */
export function ConflictCard({
  view,
  chosen,
  onChoose,
}: {
  view: ConflictView;
  chosen: WireConflictChoice | undefined;
  onChoose: (choice: WireConflictChoice) => void;
}) {
  const { conflict } = view;
  const name = `choice-${view.key}`;
  return (
    <fieldset className="conflict-card" data-conflict={view.key}>
      <legend>{view.summary}</legend>
      {conflict.type === 'record' && <SideBySide ours={conflict.ours} theirs={conflict.theirs} />}
      {(conflict.type === 'tagset-use' || conflict.type === 'text-mismatch') && (
        <>
          {conflict.type === 'tagset-use' && (
            <p className="hint">
              {conflict.side === 'ours' ? 'You' : 'A colleague'} made these; the{' '}
              {conflict.side === 'ours' ? 'project’s' : 'your'} tagset no longer has {elementName(conflict)}.
            </p>
          )}
          <ul className="conflict-records">
            {conflict.records.map((r) => (
              <li key={r.key}>
                {describe(r.record)} <span className="hint">— {r.problem}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {conflict.type === 'dangling' && (
        <p className="hint">
          {describe(conflict.recordValue)} → {describe(conflict.targetRecord)}
        </p>
      )}
      <div className="conflict-choices" role="radiogroup" aria-label={`Resolve: ${view.summary}`}>
        {view.choices.map((choice) => (
          <label key={choice} className={chosen === choice ? 'chosen' : undefined}>
            <input type="radio" name={name} checked={chosen === choice} onChange={() => onChoose(choice)} />
            {choiceLabel(conflict, choice)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
