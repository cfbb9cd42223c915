import { useState } from 'react';
import type { Entity } from '../../../annotations/model';
import { ENTITY_TYPES } from '../../../annotations/model';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { CommitField } from './CommitField';
import { usePage } from './use-page';

/** One normalised entity: its names, every mention across the corpus, the claims attributed to it; merge and split. */
export function EntityPage({ id }: { id: string }) {
  const store = useWorkspaceStore();
  const page = usePage('entities/page', id);
  const entities = useWorkspace((s) => s.entities);
  const others = entities.filter((e) => e.id !== id);
  const [checked, setChecked] = useState<string[]>([]);
  const [splitName, setSplitName] = useState('');
  const [mergeFrom, setMergeFrom] = useState('');

  if (!page) return <section className="page" aria-label="Entity" />;
  const { entity } = page;
  const update = (patch: Partial<Omit<Entity, 'id'>>) => void store.mutate('entities/update', { id, ...patch });
  const key = (articleId: string, annotationId: string) => `${articleId}/${annotationId}`;

  const split = async () => {
    const mentions = page.mentions.filter((m) => checked.includes(key(m.articleId, m.annotation.id))).map((m) => ({ articleId: m.articleId, annotationId: m.annotation.id }));
    const created = await store.mutate('entities/split', { id, mentions, name: splitName.trim() });
    if (created) store.navigate({ name: 'entity', id: created.id });
  };

  return (
    <section className="page entity-page" aria-label="Entity" key={entity.updatedAt}>
      <div className="page-actions">
        <button type="button" onClick={() => store.navigate({ name: 'article' })}>
          Back to the article
        </button>
        <button type="button" className="danger" onClick={() => void store.mutate('entities/delete', { id }).then((r) => r && store.navigate({ name: 'article' }))}>
          Delete entity
        </button>
      </div>
      <h1>{entity.name}</h1>
      <div className="form-grid">
        <CommitField label="Canonical name" value={entity.name} onCommit={(name) => update({ name })} />
        <label className="field">
          <span>Type</span>
          <select value={entity.type} onChange={(e) => update({ type: e.target.value as Entity['type'] })}>
            {ENTITY_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <CommitField label="Aliases (comma-separated)" value={entity.aliases.join(', ')} onCommit={(v) => update({ aliases: v.split(',').map((a) => a.trim()).filter(Boolean) })} />
        <CommitField label="External id (e.g. Wikidata QID)" value={entity.externalId ?? ''} onCommit={(v) => update({ externalId: v.trim() || null })} />
      </div>

      <h2>Mentions ({page.mentions.length})</h2>
      <ul className="record-list" aria-label="Mentions">
        {page.mentions.map((m) => (
          <li key={key(m.articleId, m.annotation.id)}>
            <input
              type="checkbox"
              aria-label={`Choose “${m.annotation.quote}” in ${m.title}`}
              checked={checked.includes(key(m.articleId, m.annotation.id))}
              onChange={(e) => setChecked(e.target.checked ? [...checked, key(m.articleId, m.annotation.id)] : checked.filter((c) => c !== key(m.articleId, m.annotation.id)))}
            />
            <button type="button" className="plain" onClick={() => void store.openArticle(m.articleId, m.annotation.id)}>
              “{m.annotation.quote}” <span className="meta">{m.annotation.kind} · {m.title}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input aria-label="Name of the new entity" placeholder="Name of the new entity" value={splitName} onChange={(e) => setSplitName(e.target.value)} />
        <button type="button" disabled={checked.length === 0 || splitName.trim() === ''} onClick={() => void split()}>
          Split chosen mentions into a new entity
        </button>
      </div>

      <h2>Claims attributed ({page.claims.length})</h2>
      <ul className="record-list" aria-label="Claims attributed">
        {page.claims.map((c) => (
          <li key={key(c.articleId, c.claim.id)}>
            <button type="button" className="plain" onClick={() => void store.openArticle(c.articleId, c.claim.id)}>
              “{c.claim.quote}”{' '}
              <span className="meta">
                {String(c.claim.attributes.verdict ?? '')} · said as “{c.speaker.quote}” · {c.title}
              </span>
            </button>
          </li>
        ))}
      </ul>

      <h2>Merge</h2>
      <div className="row">
        <select aria-label="Entity to merge into this one" value={mergeFrom} onChange={(e) => setMergeFrom(e.target.value)}>
          <option value="">Choose an entity…</option>
          {others.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={!mergeFrom} onClick={() => void store.mutate('entities/merge', { into: id, from: [mergeFrom] }).then(() => setMergeFrom(''))}>
          Merge into {entity.name}
        </button>
      </div>
    </section>
  );
}
