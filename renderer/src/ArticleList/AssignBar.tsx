import { useEffect, useRef, useState } from 'react';
import type { TeamMember } from '../../../annotations/project';

/**
 * The lead's bulk controls over the article list: tick every row shown, and
 * assign the ticked articles to a member (or take them back) in one action.
 */
export function AssignBar({
  members,
  shown,
  selectedCount,
  hiddenCount,
  onToggleShown,
  onAssign,
  onClear,
}: {
  members: readonly TeamMember[];
  /** How the ticked rows stand against those shown, for the "all shown" box. */
  shown: { count: number; state: 'none' | 'some' | 'all' };
  selectedCount: number;
  /** Of those ticked, how many the filter hides: they are assigned too. */
  hiddenCount: number;
  onToggleShown: () => void;
  onAssign: (annotator: string, assigned: boolean) => Promise<boolean>;
  onClear: () => void;
}) {
  const [chosen, setChosen] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const allBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = shown.state === 'some';
  }, [shown.state]);
  // The member chosen, else the first annotator, else the first member.
  const member =
    members.find((m) => m.name === chosen)?.name ??
    members.find((m) => m.role === 'annotator')?.name ??
    members[0]?.name ??
    '';
  const act = (assigned: boolean) => {
    setBusy(true);
    void onAssign(member, assigned).finally(() => setBusy(false));
  };
  const idle = busy || selectedCount === 0 || member === '';

  return (
    <div className="assign-bar" role="group" aria-label="Assign articles">
      <div className="assign-row">
        <label className="check">
          <input
            ref={allBox}
            type="checkbox"
            checked={shown.state === 'all' && shown.count > 0}
            disabled={shown.count === 0}
            onChange={onToggleShown}
          />
          <span>All shown</span>
        </label>
        <span className="assign-count" aria-live="polite">
          {selectedCount} selected{hiddenCount > 0 ? `, ${hiddenCount} not shown` : ''}
        </span>
        {selectedCount > 0 && (
          <button type="button" className="link-like" onClick={onClear}>
            Clear
          </button>
        )}
      </div>
      <div className="assign-row">
        <label className="assign-member">
          <span>Member</span>
          <select value={member} onChange={(e) => setChosen(e.target.value)}>
            {members.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
                {m.role === 'lead' ? ' (lead)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="assign-row">
        <button type="button" disabled={idle} onClick={() => act(true)}>
          Assign
        </button>
        <button type="button" disabled={idle} onClick={() => act(false)}>
          Take back
        </button>
      </div>
    </div>
  );
}
