import { useEffect } from 'react';
import { articlesOf, describeStep } from '../state/step-place';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { usePanels } from '../layout/use-panel-layout';
import { ActionsMenu } from './ActionsMenu';
import type { TopBarAction } from './ActionsMenu';
import { KindPalette } from './KindPalette';
import { PanelToggle } from './PanelToggle';
import { SyncButton } from '../Sync/SyncButton';
import './top-bar.css';

/** Title, save state, sync, undo/redo, the project pages, export (messages are toasts: see Toasts/). */
export function TopBar({
  onHelp,
  onExport,
  onImport,
  onSettings,
  onProject,
}: {
  onHelp: () => void;
  onExport: () => void;
  onImport: () => void;
  onSettings: () => void;
  /** Opens the team project dialog (publish, clone, conflicts). */
  onProject: () => void;
}) {
  const store = useWorkspaceStore();
  const title = useWorkspace((s) => s.article?.title ?? s.damaged?.title);
  const pending = useWorkspace((s) => s.pendingWrites);
  const annotator = useWorkspace((s) => s.status?.annotator ?? '');
  const undoStep = useWorkspace((s) => s.undoStack.at(-1));
  const redoStep = useWorkspace((s) => s.redoStack.at(-1));
  const titles = useWorkspace((s) => s.titles);
  const undo = undoStep ? describeStep(undoStep, titles) : null;
  const redo = redoStep ? describeStep(redoStep, titles) : null;
  // A step of an article not met yet (a history kept from before a reload) is named by its title once asked for.
  useEffect(() => {
    const named = [undoStep, redoStep].flatMap((step) => (step ? articlesOf(step).slice(0, 1) : []));
    void store.titlesOf(named);
  }, [store, undoStep, redoStep]);

  const panels = usePanels();
  const actions: TopBarAction[] = [
    {
      label: 'Undo',
      title: undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo',
      disabled: !undo,
      run: () => void store.undo(),
    },
    {
      label: 'Redo',
      title: redo ? `Redo ${redo} (Ctrl+Shift+Z)` : 'Nothing to redo',
      disabled: !redo,
      run: () => void store.redo(),
    },
    { label: 'Tagset', run: () => store.navigate({ name: 'tagset' }) },
    { label: 'Guidelines', run: () => store.navigate({ name: 'guidelines' }) },
    { label: 'Review', run: () => store.navigate({ name: 'review' }) },
    { label: 'Agreement', run: () => store.navigate({ name: 'dashboard' }) },
    { label: 'Import…', run: onImport },
    { label: 'Export…', run: onExport },
    { label: `${annotator || 'Settings'}…`, title: 'Your annotator name', run: onSettings },
  ];

  return (
    <header className="top-bar">
      <div className="row">
        <PanelToggle side="left" label="Articles panel" open={panels.leftOpen} onToggle={panels.toggle} />
        <strong className="brand">Factmark</strong>
        <span className="article-title" title={title ?? undefined}>
          {title ?? ''}
        </span>
        <div className="top-actions">
          {actions.map((a) => (
            <button key={a.label} type="button" disabled={a.disabled} title={a.title} onClick={a.run}>
              {a.label}
            </button>
          ))}
        </div>
        <ActionsMenu actions={actions} />
        <PanelToggle side="right" label="Details panel" open={panels.rightOpen} onToggle={panels.toggle} />
      </div>
      <div className="row shortcuts" aria-label="Keyboard shortcuts">
        <KindPalette />
        <span className="save-state" data-testid="save-state">
          {pending > 0 ? 'Saving…' : 'All changes saved'}
        </span>
        <SyncButton onOpen={onProject} />
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
