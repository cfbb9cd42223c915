import { startTransition, useEffect, useState } from 'react';
import type { Annotation, Entity, Relation } from '../../../annotations/model';
import { ENTITY_TYPES } from '../../../annotations/constants';
import type { RelationType } from '../../../annotations/tagset';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

const short = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);

/** Describes where a relation points: the target span's quote (and entity), or the entity. */
export function useTargetLabel(): (relation: Relation) => string {
  const annotations = useWorkspace((s) => s.layer.annotations);
  const entities = useWorkspace((s) => s.entities);
  return (relation) => {
    if (relation.to.kind === 'entity')
      return entities.find((e) => e.id === relation.to.id)?.name ?? 'an entity that is gone';
    const target = annotations.find((a) => a.id === relation.to.id);
    if (!target) return 'a span that is gone';
    const entity = entities.find((e) => e.id === target.entityId);
    return entity ? `${short(target.quote)} (${entity.name})` : short(target.quote);
  };
}

/** A new entity made the target of a relation, as one undo step: both come and go together. */
function NewEntityTarget({ annotation, type }: { annotation: Annotation; type: RelationType }) {
  const store = useWorkspaceStore();
  const [name, setName] = useState('');
  const [entityType, setEntityType] = useState<Entity['type']>(type.type === 'place' ? 'place' : 'person');
  const create = async () => {
    const linked = await store.batch(`Create entity ${name.trim()} as ${type.label}`, async () => {
      const entity = await store.mutate('entities/create', { name: name.trim(), type: entityType });
      return entity && store.link(type.type, annotation.id, { kind: 'entity', id: entity.id });
    });
    if (linked) setName('');
  };
  return (
    <div className="row new-target">
      <input
        type="text"
        aria-label={`New entity as ${type.label}`}
        placeholder="New entity…"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <select
        aria-label={`Type of the new ${type.label} entity`}
        value={entityType}
        onChange={(e) => setEntityType(e.target.value as Entity['type'])}
      >
        {ENTITY_TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <button type="button" disabled={name.trim() === ''} onClick={() => void create()}>
        Create and link
      </button>
    </div>
  );
}

/**
 * Whether a long list of choices is drawn: once the page is idle after the
 * panel appears, or at once when the user reaches for it. Hundreds of options
 * made and measured with the panel would hold up the frame that shows it.
 * Made when idle, they are a transition: React renders them a few
 * milliseconds at a time and lets a key pressed meanwhile through first
 * (700 options of the bench's long article took one task of 25–40 ms).
 */
function useChoicesWhenIdle(): [boolean, () => void] {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return;
    const show = () => startTransition(() => setReady(true));
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(show, 0);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(show, { timeout: 1000 });
    return () => cancelIdleCallback(idle);
  }, [ready]);
  return [ready, () => setReady(true)];
}

/** One relation type from this annotation: its links, and a way to add one. */
function RelationRow({ annotation, type }: { annotation: Annotation; type: RelationType }) {
  const store = useWorkspaceStore();
  const relations = useWorkspace((s) => s.layer.relations);
  const annotations = useWorkspace((s) => s.layer.annotations);
  const entities = useWorkspace((s) => s.entities);
  const label = useTargetLabel();
  const [target, setTarget] = useState('');
  const [choices, wantChoices] = useChoicesWhenIdle();
  const mine = relations.filter((r) => r.from === annotation.id && r.type === type.type);
  const spans = choices ? annotations.filter((a) => a.id !== annotation.id && type.to.includes(a.kind)) : [];
  const allowEntities = type.to.includes('entity');

  const add = () => {
    const [kind, id] = target.split(':') as ['annotation' | 'entity', string];
    if (id) void store.link(type.type, annotation.id, { kind, id });
    setTarget('');
  };

  return (
    <div className="relation-row" role="group" aria-label={type.label}>
      <span className="relation-name">{type.label}</span>
      <ul>
        {mine.map((r) => (
          <li key={r.id}>
            {label(r)}
            <button
              type="button"
              className="small"
              aria-label={`Remove ${type.label} ${label(r)}`}
              onClick={() => void store.unlink(r.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <select
          aria-label={`Add ${type.label}`}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          onFocus={wantChoices}
          onPointerDown={wantChoices}
        >
          <option value="">Choose…</option>
          {spans.map((a) => (
            <option key={a.id} value={`annotation:${a.id}`}>
              {a.kind}: {short(a.quote)}
            </option>
          ))}
          {allowEntities &&
            choices &&
            entities.map((e) => (
              <option key={e.id} value={`entity:${e.id}`}>
                entity: {e.name}
              </option>
            ))}
        </select>
        <button type="button" disabled={!target} onClick={add}>
          Link
        </button>
        <button
          type="button"
          className="small"
          title="Then click the target span in the text"
          onClick={() => store.startLinking(annotation.id, type.type)}
        >
          Pick in text
        </button>
      </div>
      {allowEntities && <NewEntityTarget annotation={annotation} type={type} />}
    </div>
  );
}

/** Relations the tagset allows from this annotation's kind, and those pointing at it. */
export function RelationsSection({ annotation }: { annotation: Annotation }) {
  const store = useWorkspaceStore();
  const types = useWorkspace((s) => s.status?.tagset.relations);
  const relations = useWorkspace((s) => s.layer.relations);
  const annotations = useWorkspace((s) => s.layer.annotations);
  const outgoing = (types ?? []).filter((t) => t.from.includes(annotation.kind));
  const incoming = relations.filter((r) => r.to.kind === 'annotation' && r.to.id === annotation.id);
  if (outgoing.length === 0 && incoming.length === 0) return null;
  return (
    <div className="relations" aria-label="Links">
      {outgoing.map((type) => (
        <RelationRow key={type.type} annotation={annotation} type={type} />
      ))}
      {incoming.length > 0 && (
        <div className="relation-row" role="group" aria-label="Linked from">
          <span className="relation-name">Linked from</span>
          <ul>
            {incoming.map((r) => {
              const source = annotations.find((a) => a.id === r.from);
              return (
                <li key={r.id}>
                  <button type="button" className="plain" onClick={() => source && store.reveal(source.id)}>
                    {source?.kind} “{short(source?.quote ?? '')}” (
                    {types?.find((t) => t.type === r.type)?.label ?? r.type})
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
