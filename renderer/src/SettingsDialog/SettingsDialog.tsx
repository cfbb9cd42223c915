import { useState } from 'react';
import { DialogShell } from '../dialogs/DialogShell';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { TeamSection } from '../Team/TeamSection';
import { SuggestionSettings } from './SuggestionSettings';

/**
 * The user's settings: the annotator name their annotations are saved under,
 * the organisation that publishes their verdicts (ClaimReview's author), the
 * project's team and its suggestion settings (both saved as each change is
 * made, not with the form).
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const store = useWorkspaceStore();
  const current = useWorkspace((s) => s.status?.annotator ?? '');
  const currentOrganisation = useWorkspace((s) => s.status?.reviewingOrganisation ?? '');
  const [name, setName] = useState(current);
  const [organisation, setOrganisation] = useState(currentOrganisation);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    let saved = true;
    if (name.trim() !== current) saved = await store.setAnnotator(name.trim());
    if (saved && organisation.trim() !== currentOrganisation)
      saved = await store.saveSettings({ reviewingOrganisation: organisation.trim() || null });
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <DialogShell label="Settings" className="settings-dialog" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
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
        <label className="field">
          <span>Reviewing organisation</span>
          <input
            type="text"
            value={organisation}
            placeholder="e.g. Example Fact Check"
            onChange={(e) => setOrganisation(e.target.value)}
          />
        </label>
        <p className="hint">
          Who publishes the verdicts: the author of each ClaimReview exported. Left empty, ClaimReviews are exported
          without an author.
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
      <TeamSection />
      <SuggestionSettings />
    </DialogShell>
  );
}
