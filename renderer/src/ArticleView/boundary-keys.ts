import type { KeyBinding } from '@codemirror/view';
import type { WorkspaceStore } from '../state/workspace-store';
import type { BoundaryMove } from './boundary-moves';
import { movedSpan } from './boundary-moves';

/**
 * Keys that move the selected annotation's ends: Alt+Shift+←/→ its end by a
 * character, Alt+Shift+Home/End its start; with Ctrl, by a word.
 */
export const BOUNDARY_KEYS: [key: string, move: BoundaryMove][] = [
  ['Alt-Shift-ArrowLeft', { edge: 'end', direction: -1, unit: 'char' }],
  ['Alt-Shift-ArrowRight', { edge: 'end', direction: 1, unit: 'char' }],
  ['Ctrl-Alt-Shift-ArrowLeft', { edge: 'end', direction: -1, unit: 'word' }],
  ['Ctrl-Alt-Shift-ArrowRight', { edge: 'end', direction: 1, unit: 'word' }],
  ['Alt-Shift-Home', { edge: 'start', direction: -1, unit: 'char' }],
  ['Alt-Shift-End', { edge: 'start', direction: 1, unit: 'char' }],
  ['Ctrl-Alt-Shift-Home', { edge: 'start', direction: -1, unit: 'word' }],
  ['Ctrl-Alt-Shift-End', { edge: 'start', direction: 1, unit: 'word' }],
];

export function boundaryKeys(store: WorkspaceStore): KeyBinding[] {
  return BOUNDARY_KEYS.map(([key, move]) => ({
    key,
    preventDefault: true,
    run: () => {
      const { selectedId, layer, article } = store.getState();
      const selected = layer.annotations.find((a) => a.id === selectedId);
      if (!selected || !article) return false;
      store.paintFirst();
      const next = movedSpan(article.text, store.spanOf(selected.id) ?? selected, move);
      if (!next) {
        store.notify({ tone: 'info', text: `The ${move.edge} of the span cannot move further that way` });
        return true;
      }
      void store.moveEnds(selected.id, next.start, next.end);
      return true;
    },
  }));
}
