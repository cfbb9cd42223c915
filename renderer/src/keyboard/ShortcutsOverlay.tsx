import { useWorkspace } from '../state/workspace-context';

const FIXED: [string, string][] = [
  ['Mouse drag, or Shift + arrows / Home / End', 'select text'],
  ['Click a highlight', 'select its annotation (click again: the next overlapping one)'],
  [']  /  [', 'next / previous annotation'],
  ['}  /  {', 'next / previous article'],
  ['Alt+L, then click a span', 'link the selected annotation to it (said by, agent, …)'],
  ['Delete / Backspace', 'delete the selected annotation'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'redo'],
  ['Esc', 'clear the selection, cancel linking, close this'],
  ['?', 'show or hide these shortcuts'],
  ['j  /  k (review page)', 'next / previous difference'],
  ['1 … 9 (review page)', 'accept that layer’s annotation into gold'],
  ['a  /  e  /  r (review page)', 'accept all / edit your own version / reject'],
];

/** The `?` overlay: every shortcut, the tagset's hotkeys first. */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const kinds = useWorkspace((s) => s.status?.tagset.kinds);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="overlay-card"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {kinds?.map((k) => (
              <tr key={k.kind}>
                <td>
                  <kbd>{k.hotkey}</kbd>
                </td>
                <td>
                  tag the selection as{' '}
                  <span className="chip" style={{ backgroundColor: k.color }}>
                    {k.label}
                  </span>
                </td>
              </tr>
            ))}
            {FIXED.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
