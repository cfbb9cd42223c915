import type { Measuring } from './use-agreement-report';

/** How far the agreement report has got (layers read, then articles measured), with the button that stops it. */
export function MeasuringProgress({ measuring, onCancel }: { measuring: Measuring; onCancel: () => void }) {
  const { done, total } = measuring;
  const label = 'Measuring agreement';
  return (
    <div className="measuring" role="status">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div style={{ width: `${(100 * done) / Math.max(1, total)}%` }} />
        <span>
          {label}: {total > 0 ? `${done.toLocaleString('en')} / ${total.toLocaleString('en')}` : 'listing the layers'}
        </span>
      </div>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
