import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { EntityPage } from '../../../annotations/contract';
import type { Entity } from '../../../annotations/model';
import { GOLD } from '../../../annotations/constants';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { KindChip, Quote, plural } from './page-parts';

type Mention = EntityPage['mentions'][number];

/** Which layer a mention is from: "your layer", "gold", or the colleague's name. */
export function MentionLayer({ annotator, me }: { annotator: string; me: string }) {
  const name = annotator === me ? `${annotator} (you)` : annotator;
  return (
    <span className={`mention-layer${annotator === GOLD ? ' gold' : ''}`} title={`In the layer of ${name}`}>
      layer: {name}
    </span>
  );
}

const keyOf = (m: Mention) => `${m.articleId}/${m.annotation.id}`;

/**
 * Every mention linked to the entity, across the corpus; a click shows it in
 * its article. Mentions ticked here can be split off into a new entity (one
 * undo step), which then opens.
 */
export function EntityMentions({ entity, mentions }: { entity: Entity; mentions: Mention[] }) {
  const store = useWorkspaceStore();
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const formTitle = useId();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set());
  const [name, setName] = useState('');
  const chosen = mentions.filter((m) => ticked.has(keyOf(m)));
  // With no name typed, the new entity is named after the first mention chosen.
  const suggestedName = chosen[0]?.annotation.quote.trim() ?? '';
  const newName = name.trim() || suggestedName;

  const tick = (key: string, on: boolean) =>
    setTicked((previous) => {
      const next = new Set(previous);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const split = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || newName === '') return;
    const created = await store.mutate('entities/split', {
      id: entity.id,
      name: newName,
      mentions: chosen.map((m) => ({ articleId: m.articleId, annotationId: m.annotation.id })),
    });
    if (created) store.navigate({ name: 'entity', id: created.id });
  };

  return (
    <>
      <h2>Mentions ({mentions.length})</h2>
      <ul className="page-list" aria-label="Mentions">
        {mentions.map((m) => (
          <li key={keyOf(m)}>
            <input
              type="checkbox"
              aria-label={`Select “${m.annotation.quote}” in ${m.title}`}
              checked={ticked.has(keyOf(m))}
              onChange={(e) => tick(keyOf(m), e.target.checked)}
            />
            <button
              type="button"
              className="item-open"
              onClick={() => void store.openArticle(m.articleId, m.annotation.id)}
            >
              <Quote text={m.annotation.quote} />
              <span className="meta">
                <KindChip kind={m.annotation.kind} /> {m.title}
                <MentionLayer annotator={m.annotation.annotator} me={me} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {mentions.length === 0 && <p className="hint">No mention is linked to this entity yet.</p>}

      {mentions.length > 0 && (
        <form className="page-form" aria-labelledby={formTitle} onSubmit={(e) => void split(e)}>
          <h3 id={formTitle}>Split selected into a new entity…</h3>
          <div className="page-form-row">
            <input
              type="text"
              aria-label="Name of the new entity"
              placeholder={suggestedName || 'Name of the new entity'}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" disabled={chosen.length === 0 || newName === ''}>
              Split into new entity
            </button>
          </div>
          <p className="meta">
            {chosen.length === 0
              ? 'Tick the mentions that name someone else.'
              : `${plural(chosen.length, 'mention')} selected for the new entity “${newName}”.`}
          </p>
        </form>
      )}
    </>
  );
}
