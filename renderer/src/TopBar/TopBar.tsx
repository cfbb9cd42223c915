import { NO_KINDS, NO_PROBLEMS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** Title, save state, export, and the notice line (errors never pass silently). */
export function TopBar() {
  const store = useWorkspaceStore();
  const title = useWorkspace((s) => s.article?.title);
  const pending = useWorkspace((s) => s.pendingWrites);
  const notice = useWorkspace((s) => s.notice);
  const problems = useWorkspace((s) => s.status?.problems ?? NO_PROBLEMS);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);

  return (
    <header className="top-bar">
      <div className="row">
        <strong className="brand">Factmark</strong>
        <span className="article-title">{title ?? ''}</span>
        <span className="save-state" data-testid="save-state">
          {pending > 0 ? 'Saving…' : 'All changes saved'}
        </span>
        <button type="button" onClick={() => void store.exportJsonl()}>
          Export JSONL
        </button>
      </div>
      <div className="row shortcuts" aria-label="Keyboard shortcuts">
        {kinds.map((k) => (
          <span key={k.kind}>
            <kbd>{k.hotkey}</kbd> {k.label}
          </span>
        ))}
        <span>
          <kbd>Del</kbd> delete selected
        </span>
        <span>
          <kbd>Esc</kbd> clear selection
        </span>
      </div>
      {problems.map((p) => (
        <div key={p.file} className="notice error" role="alert">
          Store file {p.file} cannot be read: {p.reason}. It was kept unchanged.
        </div>
      ))}
      {notice && (
        <div className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
          <button type="button" aria-label="Dismiss" onClick={() => store.dismissNotice()}>
            ×
          </button>
        </div>
      )}
    </header>
  );
}
