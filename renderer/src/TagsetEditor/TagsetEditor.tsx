import { useState } from 'react';
import type { SpanKindDefinition, Tagset } from '../../../annotations/tagset';
import { validateTagset } from '../../../annotations/tagset';
import { kindColourWarnings } from '../a11y/kind-colours';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { KindRow, NewKindRow } from './KindRow';
import './tagset-editor.css';

/** The tagset without a kind, and without it in relations (a relation left with no end goes too). */
function withoutKind(tagset: Tagset, kind: string): Tagset {
  const relations = tagset.relations
    .map((r) => ({ ...r, from: r.from.filter((k) => k !== kind), to: r.to.filter((k) => k !== kind) }))
    .filter((r) => r.from.length > 0 && r.to.length > 0);
  return { ...tagset, kinds: tagset.kinds.filter((k) => k.kind !== kind), relations };
}

/**
 * Edits the project's tagset: kinds (label, colour, hotkey, order) and their
 * attributes and options in a form, and the rest as JSON.
 */
export function TagsetEditor() {
  const tagset = useWorkspace((s) => s.status?.tagset);
  // A new saved tagset (a save, an undo) starts a fresh draft.
  return tagset ? <TagsetDraft key={JSON.stringify(tagset)} saved={tagset} /> : null;
}

function TagsetDraft({ saved }: { saved: Tagset }) {
  const store = useWorkspaceStore();
  const [draft, setDraft] = useState<Tagset>(saved);
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);

  const setKind = (index: number, kind: SpanKindDefinition) =>
    setDraft({ ...draft, kinds: draft.kinds.map((k, i) => (i === index ? kind : k)) });
  const move = (index: number, step: -1 | 1) => {
    const kinds = [...draft.kinds];
    const [kind] = kinds.splice(index, 1);
    kinds.splice(index + step, 0, kind!);
    setDraft({ ...draft, kinds });
  };
  const save = async () => {
    // A draft that does not validate is not sent: the error names what to fix.
    try {
      validateTagset(draft);
    } catch (error) {
      store.notify({ tone: 'error', text: (error as Error).message });
      return;
    }
    const result = await store.mutate('tagset/update', { tagset: draft });
    if (result && result.migrated.length > 0)
      store.notify({ tone: 'info', text: `Tagset saved: ${result.migrated.join('; ')}` });
  };
  const applyJson = () => {
    try {
      setDraft(validateTagset(JSON.parse(json ?? '')));
      setJson(null);
      setJsonError(null);
    } catch (error) {
      setJsonError((error as Error).message);
    }
  };

  return (
    <section className="page tagset-editor" aria-label="Tagset">
      <div className="page-actions">
        <button type="button" onClick={() => store.navigate({ name: 'article' })}>
          Back to the article
        </button>
        <button type="button" className="primary" disabled={!changed} onClick={() => void save()}>
          Save tagset
        </button>
        <button type="button" disabled={!changed} onClick={() => setDraft(saved)}>
          Reset
        </button>
      </div>
      <h1>{draft.name}</h1>
      <table className="kinds">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Label</th>
            <th>Colour</th>
            <th>Hotkey</th>
            <th>Attributes</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.kinds.map((kind, i) => (
            <KindRow
              key={kind.kind}
              kind={kind}
              saved={saved.kinds.find((k) => k.kind === kind.kind)}
              warnings={kindColourWarnings(kind, draft.kinds)}
              first={i === 0}
              last={i === draft.kinds.length - 1}
              onChange={(k) => setKind(i, k)}
              onMove={(step) => move(i, step)}
              onRemove={() => setDraft(withoutKind(draft, kind.kind))}
            />
          ))}
          <NewKindRow kinds={draft.kinds} onAdd={(kind) => setDraft({ ...draft, kinds: [...draft.kinds, kind] })} />
        </tbody>
      </table>
      <p className="meta">
        Relations:{' '}
        {draft.relations.map((r) => `${r.label} (${r.from.join('/')} → ${r.to.join('/')})`).join('; ') || 'none'}.
        Article labels: {draft.documentLabels.map((d) => d.label).join(', ') || 'none'}.
      </p>
      <details
        className="advanced"
        onToggle={(e) => (e.currentTarget.open ? setJson(JSON.stringify(draft, null, 2)) : setJson(null))}
      >
        <summary>
          Advanced: the whole tagset as JSON (relations, article labels, several defaults of a multiple choice)
        </summary>
        {json !== null && (
          <>
            <textarea aria-label="Tagset JSON" value={json} rows={24} onChange={(e) => setJson(e.target.value)} />
            {jsonError && (
              <p className="notice error" role="alert">
                {jsonError}
              </p>
            )}
            <button type="button" onClick={applyJson}>
              Apply JSON to the draft
            </button>
          </>
        )}
      </details>
    </section>
  );
}
