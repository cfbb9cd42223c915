import { useState } from 'react';
import type { DamagedArticle as Damaged } from '../state/damaged-article';
import { useWorkspaceStore } from '../state/workspace-context';

/**
 * Shown instead of the editor when the article's text or annotations file
 * cannot be read: which file, why, and the way back — its last good copy
 * when one is kept, else what the user can do. The file is never written
 * over. The reason is shown as text.
 */
export function DamagedArticle({ damaged }: { damaged: Damaged }) {
  const store = useWorkspaceStore();
  const [busy, setBusy] = useState(false);
  const { articleId, title, problem } = damaged;
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };

  return (
    <section className="damaged-article" aria-label="Damaged article">
      <p className="record-kind">Damaged article</p>
      <h1>{title}</h1>
      <p>This article cannot be opened: one of its files cannot be read.</p>
      <dl>
        <dt>File</dt>
        <dd>
          <code data-testid="damaged-file">{problem.file}</code>
        </dd>
        <dt>Reason</dt>
        <dd data-testid="damaged-reason">{problem.reason}</dd>
      </dl>
      <p>The file was kept exactly as it is; the other articles work as usual.</p>
      {problem.restorable ? (
        <>
          <p>
            Factmark keeps the last good copy of this article’s annotations: the version before its last edit. Restoring
            puts that copy in place of the damaged file, so the last edit is lost.
          </p>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => run(() => store.restore(articleId))}
            >
              Restore last good copy
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            No earlier copy of this file is kept. Repair the file, or move it out of the store folder, then open the
            article again.
          </p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => run(() => store.openArticle(articleId))}>
              Open again
            </button>
          </div>
        </>
      )}
    </section>
  );
}
