import { EditorSelection } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { trimSpan } from '../../../annotations/spans';
import type { WorkspaceStore } from '../state/workspace-store';
import type { Edge } from './span-handles';

/**
 * Follows the mouse after a handle is grabbed: the span shows its new end at
 * once, and on release the move is sent as one edit (one undo step).
 * Returns whether a drag is under way, so a release does not also pick a span.
 */
export function createHandleDrag(store: WorkspaceStore) {
  let dragging = false;
  let moved = false;
  return {
    /** A handle was grabbed and moved: the release ends the drag, it is no click. */
    isDragging: () => dragging && moved,
    grab(view: EditorView, id: string, edge: Edge, from: { x: number; y: number }) {
      const { layer, article } = store.getState();
      const original = layer.annotations.find((a) => a.id === id);
      if (!original || !article) return;
      dragging = true;
      moved = false;
      let span = { start: original.start, end: original.end };
      const follow = (event: MouseEvent) => {
        moved ||= Math.hypot(event.clientX - from.x, event.clientY - from.y) > 3;
        if (!moved) return;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false);
        const next =
          edge === 'start'
            ? { start: Math.min(pos, span.end - 1), end: span.end }
            : { start: span.start, end: Math.max(pos, span.start + 1) };
        span = trimSpan(article.text, next.start, next.end) ?? span;
        // The text follows the mouse in each frame; the list and panels catch up after it.
        store.paintFirst();
        store.previewSpan(id, span.start, span.end);
      };
      const release = (event: MouseEvent) => {
        window.removeEventListener('mousemove', follow);
        window.removeEventListener('mouseup', release);
        // Cleared after the text's own mouseup has seen it.
        setTimeout(() => (dragging = false));
        store.previewSpan(id, original.start, original.end);
        if (span.start !== original.start || span.end !== original.end)
          void store.moveEnds(id, span.start, span.end, true);
        view.focus();
        // Pressed and released in place: a click, which puts the caret there.
        if (!moved) {
          const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false);
          view.dispatch({ selection: EditorSelection.cursor(pos) });
        }
      };
      window.addEventListener('mousemove', follow);
      window.addEventListener('mouseup', release);
    },
  };
}
