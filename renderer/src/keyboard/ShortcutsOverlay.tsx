import { chipStyle } from '../a11y/contrast';
import { DialogShell } from '../dialogs/DialogShell';
import { useWorkspace } from '../state/workspace-context';
import './keyboard.css';

const FIXED: [string, string][] = [
  ['Mouse drag, or Shift + arrows / Home / End', 'select text'],
  ['/', 'tag the selection with any kind: type part of its name, then Enter'],
  ['Click a kind in the bar', 'tag the selection with that kind'],
  ['Click a highlight', 'select its annotation (click again: the next overlapping one)'],
  [']  /  [', 'next / previous annotation'],
  ['}  /  {', 'next / previous article'],
  ['Alt+L, then click a span or its label', 'link the selected annotation to it (said by, agent, …)'],
  [
    'Alt+L, then move the caret into a span (or ] / [ to it) and press Enter',
    'the same by keyboard; the details panel’s “Add …” lists do it too',
  ],
  [
    'Hover a span, or move the caret into it',
    'what it is: kind, layer, key values, links (read out by screen readers)',
  ],
  ['A kind’s key, with no text selected', 'change the selected annotation’s kind (keeps what still applies)'],
  ['Alt+Shift+←  /  →', 'move the selected annotation’s end by a character (with Ctrl: by a word)'],
  ['Alt+Shift+Home  /  End', 'move its start left / right by a character (with Ctrl: by a word)'],
  ['Drag the bar at either end of the selected annotation', 'move that end'],
  ['Esc in the details panel', 'back to the text, where the caret was'],
  ['Delete / Backspace', 'delete the selected annotation'],
  ['Enter, or a click, in a suggestion (a dashed ghost)', 'accept it, with its entity and said-by link'],
  ['Shift+Enter in a suggestion', 'accept every suggestion of its kind in the article'],
  ['Backspace / Delete in a suggestion', 'reject it: it is not proposed again'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'redo'],
  ['Esc', 'clear the selection, cancel linking, close this'],
  ['?', 'show or hide these shortcuts'],
  ['j  /  k (review page)', 'next / previous difference'],
  ['1 … 9 (review page)', 'accept that layer’s annotation into gold'],
  ['a  /  e  /  r (review page)', 'accept all / edit your own version / reject'],
];

/**
 * The `?` overlay: every shortcut, the tagset's kinds first (in columns, so
 * a tagset of fifty kinds stays readable; a kind without a hotkey says how
 * to reach it).
 */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const kinds = useWorkspace((s) => s.status?.tagset.kinds);
  return (
    <DialogShell label="Keyboard shortcuts" onClose={onClose}>
      {/* `?` closes it again (Esc is the dialog's). */}
      <div
        className="shortcuts-body"
        onKeyDown={(e) => {
          if (e.key !== '?') return;
          e.preventDefault();
          onClose();
        }}
      >
        {/* Close first: the focus lands on it, and the list is read from its top. */}
        <div className="shortcuts-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <p className="meta">Tag the selection as:</p>
        <ul className="kind-keys" aria-label="Kinds and their keys">
          {kinds?.map((k) => (
            <li key={k.kind}>
              {k.hotkey ? <kbd>{k.hotkey}</kbd> : <kbd title="No hotkey: press / and type its name">/</kbd>}{' '}
              <span className="chip" style={chipStyle(k.color)}>
                {k.label}
              </span>
            </li>
          ))}
        </ul>
        <table>
          <tbody>
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
      </div>
    </DialogShell>
  );
}
