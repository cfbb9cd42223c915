import { useEffect } from 'react';
import { useWorkspaceStore } from '../state/workspace-context';
import { projectModel, useProject } from './project-state';
import { syncStatusText } from './sync-words';

/**
 * The Sync button with the project's state beside it. A click syncs a
 * shared store at once; the dialog opens instead when something needs the
 * user: no project yet, conflicts to resolve, credentials refused.
 */
export function SyncButton({ onOpen }: { onOpen: () => void }) {
  const model = projectModel(useWorkspaceStore());
  const status = useProject(model, (s) => s.status);
  const busy = useProject(model, (s) => s.busy);
  useEffect(() => {
    void model.refresh();
  }, [model]);
  const text = syncStatusText({ status, busy });
  const tone = !status
    ? ''
    : status.conflicts.length > 0 || status.lastError
      ? ' attention'
      : status.shared && status.lastSync
        ? ' ok'
        : '';
  const click = async () => {
    if (!status?.shared || status.conflicts.length > 0) return onOpen();
    const outcome = await model.sync();
    if (outcome && (outcome.status === 'failed' || outcome.status === 'conflicts')) onOpen();
  };
  return (
    <span className={`sync-control${tone}`}>
      <button
        type="button"
        disabled={busy !== null}
        title={status?.shared ? `Sync with ${status.remote}` : 'Share this store with a team, or join a project'}
        onClick={() => void click()}
      >
        Sync
      </button>
      <button type="button" className="plain sync-status" data-testid="sync-status" onClick={onOpen}>
        {text}
      </button>
    </span>
  );
}
