import { useEffect, useState } from 'react';
import type { Notice } from '../state/workspace-store';
import { NO_PROBLEMS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import './toasts.css';

/** How long an information toast stays (errors stay until dismissed). */
export const INFO_TOAST_MS = 6000;

/**
 * Messages as toasts: drawn over the window's corner, out of the page's flow,
 * so the text never moves. Information is announced politely and goes away
 * by itself (not while the pointer or the focus is on it, nor while a link is
 * being made, whose instruction it is); errors are announced at once and stay
 * until dismissed. The live regions are always in the page, so a screen
 * reader hears what is put in them.
 */
export function NoticeToasts() {
  const store = useWorkspaceStore();
  const notice = useWorkspace((s) => s.notice);
  const linking = useWorkspace((s) => s.linking !== null);
  const problems = useWorkspace((s) => s.status?.problems ?? NO_PROBLEMS);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  // The toast the pointer or focus is on; a new message is not held by it (its toast may vanish under the pointer).
  const [heldFor, setHeldFor] = useState<Notice | null>(null);
  const info = notice?.tone === 'info' ? notice : null;
  const held = info !== null && heldFor === info;

  useEffect(() => {
    if (!info || held || linking) return;
    const timer = window.setTimeout(() => {
      if (store.getState().notice === info) store.dismissNotice();
    }, INFO_TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [store, info, held, linking]);

  const problemKey = (p: { file: string; reason: string }) => `${p.file}\n${p.reason}`;
  const shownProblems = problems.filter((p) => !dismissed.has(problemKey(p)));
  const hold = {
    onMouseEnter: () => setHeldFor(info),
    onMouseLeave: () => setHeldFor(null),
    onFocus: () => setHeldFor(info),
    onBlur: () => setHeldFor(null),
  };

  return (
    <div className="toast-stack">
      <div className="toast-region" role="status" aria-live="polite">
        {info && (
          <div className="notice info toast" {...hold}>
            <span>{info.text}</span>
            <button type="button" aria-label="Dismiss" onClick={() => store.dismissNotice()}>
              ×
            </button>
          </div>
        )}
      </div>
      {shownProblems.map((p) => (
        <div key={problemKey(p)} className="notice error toast" role="alert" aria-live="assertive">
          <span>
            Store file {p.file} cannot be read: {p.reason}. It was kept unchanged.
          </span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => setDismissed((before) => new Set(before).add(problemKey(p)))}
          >
            ×
          </button>
        </div>
      ))}
      {notice?.tone === 'error' && (
        <div className="notice error toast" role="alert" aria-live="assertive">
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => store.dismissNotice()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
