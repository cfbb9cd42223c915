import { useId } from 'react';
import type { EventPage } from '../../../annotations/contract';
import type { RelationType } from '../../../annotations/tagset';
import { MentionLayer } from '../EntityPage/EntityMentions';
import { Quote } from '../EntityPage/page-parts';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import type { RoleArgument } from './role-arguments';
import { roleArguments } from './role-arguments';

const NO_RELATIONS: readonly RelationType[] = [];

/**
 * The roles annotators gave the event's mentions (agent, place, time…), each
 * with its arguments across articles and layers: the argument, its article
 * and whose layer it is in. A click shows it in its article; an argument that
 * names an entity can be added to the record's participants.
 */
export function RoleArgumentList({
  reports,
  participants,
  onAddParticipant,
}: {
  reports: EventPage['reports'];
  participants: readonly string[];
  onAddParticipant: (entityId: string) => void;
}) {
  const store = useWorkspaceStore();
  const entities = useWorkspace((s) => s.entities);
  const relationTypes = useWorkspace((s) => s.status?.tagset.relations ?? NO_RELATIONS);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const title = useId();
  const groups = roleArguments(
    reports,
    entities,
    relationTypes.map((r) => r.type),
  );
  const label = (type: string) => relationTypes.find((r) => r.type === type)?.label ?? type;

  return (
    <section className="role-arguments" aria-labelledby={title}>
      <h2 id={title}>Roles in the reports</h2>
      {groups.length === 0 && (
        <p className="hint">
          No mention of this event has a role yet: select an event mention in an article and set its roles in the
          details panel, or press Alt+L and click the span that fills one.
        </p>
      )}
      {groups.map((group) => (
        <div key={group.role} className="role-group">
          <h3>
            {label(group.role)} ({group.arguments.length})
          </h3>
          <ul className="page-list" aria-label={label(group.role)}>
            {group.arguments.map((arg) => (
              <li key={arg.id}>
                <button
                  type="button"
                  className="item-open"
                  onClick={() => void store.openArticle(arg.articleId, arg.annotationId)}
                >
                  <ArgumentText arg={arg} />
                  <span className="meta">
                    {arg.title}
                    <MentionLayer annotator={arg.annotator} me={me} />
                  </span>
                </button>
                {arg.entity && !participants.includes(arg.entity.id) && (
                  <button
                    type="button"
                    className="add-participant"
                    aria-label={`Add to participants: ${arg.entity.name}`}
                    onClick={() => onAddParticipant(arg.entity!.id)}
                  >
                    Add to participants
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** The argument: the span's quote with the entity it is linked to, or the entity's name. */
function ArgumentText({ arg }: { arg: RoleArgument }) {
  if (arg.text === null) return <span className="meta">(no longer exists)</span>;
  if (arg.isEntity) return <span className="entity-name">{arg.text}</span>;
  return (
    <span>
      <Quote text={arg.text} />
      {arg.entity && <span className="linked-entity"> → {arg.entity.name}</span>}
    </span>
  );
}
