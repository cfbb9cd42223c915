import { useEffect, useState } from 'react';
import type { EntitySuggestion } from '../../../annotations/contract';
import type { Annotation, Entity } from '../../../annotations/model';
import { ENTITY_TYPES } from '../../../annotations/constants';
import { pieceQuotes } from '../ArticleView/quote-pieces';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

const TYPE_FOR_KIND: Record<string, Entity['type']> = {
  speaker: 'person',
  person: 'person',
  organisation: 'organisation',
  place: 'place',
};

/** Links a mention to a normalised entity: suggestions by alias and fuzzy name, or a new entity. */
export function EntityLink({ annotation }: { annotation: Annotation }) {
  const store = useWorkspaceStore();
  const linked = useWorkspace((s) => s.entities.find((e) => e.id === annotation.entityId) ?? null);
  const entityCount = useWorkspace((s) => s.entities.length);
  // A name in pieces ("Hossein … Dehqan") is suggested without the words between them.
  const [text, setText] = useState(() => pieceQuotes(annotation).join(' '));
  const [type, setType] = useState<Entity['type']>(TYPE_FOR_KIND[annotation.kind] ?? 'other');
  const [suggestions, setSuggestions] = useState<EntitySuggestion[]>([]);

  useEffect(() => {
    if (linked) return;
    let live = true;
    const timer = setTimeout(() => {
      void store.query('entities/suggest', { text, limit: 5 }).then((found) => live && setSuggestions(found ?? []));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, linked, store, entityCount]);

  if (linked) {
    return (
      <div className="link-box" aria-label="Entity">
        <span className="meta">Entity</span>
        <button type="button" className="link-chip" onClick={() => store.navigate({ name: 'entity', id: linked.id })}>
          {linked.name}
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void store.updateAnnotation(annotation.id, { entityId: null })}
        >
          Unlink entity
        </button>
      </div>
    );
  }

  // One undo step: the new entity and the link to it come and go together.
  const create = () =>
    store.batch(`Create entity ${text.trim()}`, async () => {
      const entity = await store.mutate('entities/create', { name: text.trim(), type });
      return entity && store.updateAnnotation(annotation.id, { entityId: entity.id });
    });

  return (
    <div className="link-box" aria-label="Entity">
      <label className="field" htmlFor="entity-search">
        <span>Entity (normalised name)</span>
        <input id="entity-search" type="text" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <ul className="suggestions" aria-label="Entity suggestions">
        {suggestions.map((s) => (
          <li key={s.entity.id}>
            <button type="button" onClick={() => void store.updateAnnotation(annotation.id, { entityId: s.entity.id })}>
              Link to {s.entity.name}{' '}
              <span className="meta">
                ({Math.round(s.score * 100)}%{s.matched !== s.entity.name ? `, as “${s.matched}”` : ''})
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <select aria-label="New entity type" value={type} onChange={(e) => setType(e.target.value as Entity['type'])}>
          {ENTITY_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <button type="button" disabled={text.trim() === ''} onClick={() => void create()}>
          Create entity “{text.trim()}”
        </button>
      </div>
    </div>
  );
}
