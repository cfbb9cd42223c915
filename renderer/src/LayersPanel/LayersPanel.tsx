import { useMemo, useState } from 'react';
import { GOLD } from '../../../annotations/constants';
import { layerStyle } from '../ArticleView/mark-look';
import { useShowInText } from '../ArticleView/show-in-text';
import { setShowInText } from '../ArticleView/show-in-text-choice';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { SuggestionsLayer } from './SuggestionsLayer';

/**
 * The open article's layers: the user's own, each colleague's, and gold, each
 * shown or hidden in the text; whether the user has finished the article; the
 * way to the comparison once two layers exist.
 */
export function LayersPanel() {
  const store = useWorkspaceStore();
  const annotations = useWorkspace((s) => s.layer.annotations);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const hidden = useWorkspace((s) => s.hiddenLayers);
  const done = useWorkspace((s) => s.layer.documentLabels.some((d) => d.annotator === s.status?.annotator && d.done));
  const hasArticle = useWorkspace((s) => s.article !== null);
  const show = useShowInText();
  // Shown checked at once; the saved state takes over when the core answers.
  const [pendingDone, setPendingDone] = useState<boolean | null>(null);
  const counts = useMemo(() => {
    const byName = new Map<string, number>([[me, 0]]);
    for (const a of annotations) byName.set(a.annotator, (byName.get(a.annotator) ?? 0) + 1);
    const rank = (name: string) => (name === me ? 0 : name === GOLD ? 2 : 1);
    return [...byName].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  }, [annotations, me]);
  const colleagues = counts.filter(([name]) => name !== GOLD).length;
  if (!hasArticle) return null;
  return (
    <section className="layers-panel" aria-label="Layers">
      <h2>Layers</h2>
      <ul>
        {counts.map(([name, count]) => (
          <li key={name}>
            <label className="check">
              <input type="checkbox" checked={!hidden.includes(name)} onChange={() => store.toggleLayer(name)} />
              <span className={`layer-swatch layer-${layerStyle(name, me)}`} aria-hidden="true" />
              <span>
                {name}
                {name === me ? ' (you)' : name === GOLD ? ' (adjudicated)' : ''}
              </span>
              <span className="meta">{count}</span>
            </label>
          </li>
        ))}
      </ul>
      <SuggestionsLayer />
      <fieldset className="show-in-text">
        <legend>Show in the text</legend>
        <label className="check">
          <input type="checkbox" checked={show.labels} onChange={(e) => setShowInText({ labels: e.target.checked })} />
          <span>Span labels</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={show.arcs} onChange={(e) => setShowInText({ arcs: e.target.checked })} />
          <span>Link arcs (said by, roles)</span>
        </label>
      </fieldset>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={pendingDone ?? done}
            onChange={(e) => {
              setPendingDone(e.target.checked);
              void store.setDone(e.target.checked).finally(() => setPendingDone(null));
            }}
          />
          <span>I have finished this article</span>
        </label>
      </div>
      <div className="row">
        <button
          type="button"
          disabled={colleagues < 2}
          title={colleagues < 2 ? 'Import a colleague’s bundle to compare layers' : undefined}
          onClick={() => store.navigate({ name: 'review' })}
        >
          Compare layers…
        </button>
      </div>
    </section>
  );
}
