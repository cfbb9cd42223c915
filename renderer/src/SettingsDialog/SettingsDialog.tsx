import { useState } from 'react';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** The user's settings: the annotator name their annotations are saved under. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const store = useWorkspaceStore();
  const current = useWorkspace((s) => s.status?.annotator ?? '');
  const [name, setName] = useState(current);
  const [busy, setBusy] = useState(false);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <form
        className="overlay-card settings-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Settings"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void store.setAnnotator(name.trim()).then((saved) => {
            setBusy(false);
            if (saved) onClose();
          });
        }}
      >
        <h2>Settings</h2>
        <label className="field">
          <span>Your annotator name</span>
          <input type="text" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <p className="hint">
          Your new annotations go to this name’s layer; colleagues see it when they import your bundle. Annotations you
          made under another name stay in that layer.
        </p>
        <div className="row">
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
