import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { KindPalette } from './KindPalette';
import './top-bar.css';

/** Title, save state, undo/redo, the project pages, export (messages are toasts: see Toasts/). */
export function TopBar({
  onHelp,
  onExport,
  onImport,
  onSettings,
}: {
  onHelp: () => void;
  onExport: () => void;
  onImport: () => void;
  onSettings: () => void;
}) {
  const store = useWorkspaceStore();
  const title = useWorkspace((s) => s.article?.title ?? s.damaged?.title);
  const pending = useWorkspace((s) => s.pendingWrites);
  const annotator = useWorkspace((s) => s.status?.annotator ?? '');
  const undo = useWorkspace((s) => s.undoStack.at(-1)?.label ?? null);
  const redo = useWorkspace((s) => s.redoStack.at(-1)?.label ?? null);

  return (
    <header className="top-bar">
      <div className="row">
        <strong className="brand">Factmark</strong>
        <span className="article-title">{title ?? ''}</span>
        <span className="save-state" data-testid="save-state">
          {pending > 0 ? 'Saving…' : 'All changes saved'}
        </span>
        <button
          type="button"
          disabled={!undo}
          title={undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo'}
          onClick={() => void store.undo()}
        >
          Undo
        </button>
        <button
          type="button"
          disabled={!redo}
          title={redo ? `Redo ${redo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          onClick={() => void store.redo()}
        >
          Redo
        </button>
        <button type="button" onClick={() => store.navigate({ name: 'tagset' })}>
          Tagset
        </button>
        <button type="button" onClick={() => store.navigate({ name: 'guidelines' })}>
          Guidelines
        </button>
        <button type="button" onClick={() => store.navigate({ name: 'review' })}>
          Review
        </button>
        <button type="button" onClick={() => store.navigate({ name: 'dashboard' })}>
          Agreement
        </button>
        <button type="button" onClick={onImport}>
          Import…
        </button>
        <button type="button" onClick={onExport}>
          Export…
        </button>
        <button type="button" title="Your annotator name" onClick={onSettings}>
          {annotator || 'Settings'}…
        </button>
      </div>
      <div className="row shortcuts" aria-label="Keyboard shortcuts">
        <KindPalette />
        <div className="fixed-keys">
          <span>
            <kbd>/</kbd> any kind
          </span>
          <span>
            <kbd>Del</kbd> delete
          </span>
          <span>
            <kbd>Ctrl+Z</kbd> undo
          </span>
          <button type="button" className="plain" onClick={onHelp}>
            <kbd>?</kbd> all shortcuts
          </button>
        </div>
      </div>
    </header>
  );
}
