import type { Side } from '../layout/panel-layout';

/** Shows or hides a side panel; the choice is remembered. */
export function PanelToggle({
  side,
  label,
  open,
  onToggle,
}: {
  side: Side;
  label: string;
  open: boolean;
  onToggle: (side: Side) => void;
}) {
  return (
    <button
      type="button"
      className={`panel-toggle ${side}`}
      aria-label={label}
      aria-expanded={open}
      aria-controls={`${side}-panel`}
      title={`${open ? 'Hide' : 'Show'} the ${label.toLowerCase()}`}
      onClick={() => onToggle(side)}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
        <rect x={side === 'left' ? 2 : 10} y="3" width="4" height="10" fill={open ? 'currentColor' : 'none'} />
      </svg>
    </button>
  );
}
