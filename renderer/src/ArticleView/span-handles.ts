import type { Extension } from '@codemirror/state';
import { Prec, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView } from '@codemirror/view';
import { GOLD } from '../../../annotations/constants';
import { setHighlights } from './highlight-field';

export type Edge = 'start' | 'end';

/** How near (in CSS pixels) to a handle's bar a press grabs it. */
const GRAB = 7;

/**
 * The handles: one mark over the whole selected span, outermost so other
 * marks never split it, its bars and knobs drawn on its outer edges (CSS).
 */
const handles = (start: number, end: number) =>
  Decoration.mark({
    class: 'fm-handles',
    // The span's ends in the attributes: when an end moves, the decoration differs and the text
    // redraws the span whole, so its handles never end up split around the old end.
    attributes: { title: 'Drag the bar at either end to move that end of the span', 'data-span': `${start}-${end}` },
  });

/**
 * Handles at both ends of the selected annotation, when the user may change
 * it (their own layer or gold): dragging one moves that end.
 */
export function spanHandles(): Extension {
  const field = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(value, transaction) {
      for (const effect of transaction.effects) {
        if (!effect.is(setHighlights)) continue;
        const { annotations, selectedId, me } = effect.value;
        const selected = annotations.find((a) => a.id === selectedId);
        if (!selected || (selected.annotator !== me && selected.annotator !== GOLD)) return Decoration.none;
        return Decoration.set([handles(selected.start, selected.end).range(selected.start, selected.end)]);
      }
      return value.map(transaction.changes);
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  // The lowest precedence: CodeMirror draws lower-precedence marks around higher ones, so the handles wrap the
  // highlights and a suggestion's ghost inside the span rather than being split by them.
  return Prec.lowest(field);
}

/** The handle a press at (x, y) grabs, if it is on one's bar or knob. */
export function handleAt(root: Element, x: number, y: number): Edge | null {
  const pieces = root.querySelectorAll('.fm-handles');
  const first = pieces[0]?.getClientRects()[0];
  const lastPiece = pieces[pieces.length - 1];
  const rects = lastPiece?.getClientRects();
  const last = rects?.[rects.length - 1];
  const near = (box: DOMRect | undefined, bar: number) =>
    box !== undefined && Math.abs(x - bar) <= GRAB && y >= box.top - 2 * GRAB && y <= box.bottom + 2 * GRAB;
  if (near(first, first?.left ?? 0)) return 'start';
  if (near(last, last?.right ?? 0)) return 'end';
  return null;
}
