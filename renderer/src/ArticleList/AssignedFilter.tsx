import type { AssignedProgress } from '../Team/team-view';
import { assignedProgressText } from '../Team/team-view';

/** "Assigned to me" and how far the user has got with what is assigned to them. */
export function AssignedFilter({
  on,
  onChange,
  progress,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
  progress: AssignedProgress;
}) {
  return (
    <div className="assigned-filter">
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} />
        <span>Assigned to me</span>
      </label>
      <span className="assigned-progress" data-testid="assigned-progress">
        {progress.assigned > 0 ? assignedProgressText(progress) : 'nothing assigned'}
      </span>
    </div>
  );
}
