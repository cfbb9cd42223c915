import type { Extension, Range } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView } from '@codemirror/view';
import type { Annotation } from '../../../annotations/model';
import { GOLD } from '../../../annotations/model';
import { spanPieces } from '../../../annotations/spans';
import type { SpanKindDefinition } from '../../../annotations/tagset';

export interface Highlights {
  annotations: readonly Annotation[];
  selectedId: string | null;
  kinds: readonly SpanKindDefinition[];
  /** The user's own layer; other layers are drawn apart from it. */
  me: string;
}

/** How a layer is drawn: the user's own solid, a colleague's dashed and paler, gold with a gold rule. */
export type LayerStyle = 'mine' | 'other' | 'gold';

export function layerStyle(annotator: string, me: string): LayerStyle {
  return annotator === GOLD ? 'gold' : annotator === me ? 'mine' : 'other';
}

export const setHighlights = StateEffect.define<Highlights>();

/** `#rrggbb` at the given opacity, so overlapping spans mix and stay visible. */
function tint(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const colorOf = (kind: SpanKindDefinition | undefined) => kind?.color ?? '#888888';

function markFor(kind: SpanKindDefinition | undefined, name: string, style: LayerStyle, fragment: boolean): Decoration {
  const color = colorOf(kind);
  const look = {
    mine: `background-color: ${tint(color, 0.22)}; box-shadow: inset 0 -2px 0 ${color};`,
    other: `background-color: ${tint(color, 0.1)}; border-bottom: 2px dashed ${color};`,
    gold: `background-color: ${tint(color, 0.22)}; box-shadow: inset 0 -2px 0 ${color}, inset 0 2px 0 #c9a227;`,
  }[style];
  // A piece of a discontinuous span is framed by a dashed line in its colour: the span goes on elsewhere.
  const piece = fragment ? ` outline: 1px dashed ${color}; outline-offset: -1px;` : '';
  return Decoration.mark({
    class: `fm-mark fm-mark-${name} fm-layer-${style}${fragment ? ' fm-fragment' : ''}`,
    attributes: { style: look + piece },
  });
}

const selectedMark = Decoration.mark({ class: 'fm-selected', attributes: { 'data-selected': 'true' } });

/** The gap of the selected discontinuous span: not highlighted, only joined to its pieces by a dotted line. */
function gapMark(kind: SpanKindDefinition | undefined): Decoration {
  return Decoration.mark({
    class: 'fm-fragment-gap',
    attributes: { style: `text-decoration: underline dotted ${colorOf(kind)}; text-decoration-thickness: 2px;` },
  });
}

/**
 * The marks of every annotation: one per piece (a discontinuous span's
 * fragments each carry its kind's colour; its gaps carry nothing), the
 * selection outline on each piece of the selected one, and a dotted line
 * under the gaps of the selected one so its pieces read as one.
 */
function build(highlights: Highlights): DecorationSet {
  const marks = new Map<string, Decoration>();
  const ranges: Range<Decoration>[] = [];
  for (const a of highlights.annotations) {
    const style = layerStyle(a.annotator, highlights.me);
    const fragment = a.fragments !== undefined;
    const key = `${a.kind}|${style}|${fragment}`;
    const kind = highlights.kinds.find((k) => k.kind === a.kind);
    let mark = marks.get(key);
    if (!mark) {
      mark = markFor(kind, a.kind, style, fragment);
      marks.set(key, mark);
    }
    const pieces = spanPieces(a);
    const selected = a.id === highlights.selectedId;
    pieces.forEach((p, i) => {
      ranges.push(mark.range(p.start, p.end));
      if (!selected) return;
      ranges.push(selectedMark.range(p.start, p.end));
      const next = pieces[i + 1];
      if (next) ranges.push(gapMark(kind).range(p.end, next.start));
    });
  }
  return Decoration.set(ranges, true);
}

/** The annotations of the open article as mark decorations, replaced whole on each change. */
export function highlightField(): Extension {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(value, transaction) {
      for (const effect of transaction.effects) if (effect.is(setHighlights)) return build(effect.value);
      return value.map(transaction.changes);
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

/** Characters the annotation covers: its pieces, not the gaps between them. */
function covered(a: Annotation): number {
  return spanPieces(a).reduce((sum, p) => sum + p.end - p.start, 0);
}

/**
 * The annotations with a piece covering `pos`, smallest first: the order
 * repeated clicks cycle through. A position in a discontinuous span's gap
 * does not pick it.
 */
export function annotationsAt(annotations: readonly Annotation[], pos: number): Annotation[] {
  return annotations
    .filter((a) => a.start <= pos && pos < a.end && spanPieces(a).some((p) => p.start <= pos && pos < p.end))
    .sort((a, b) => covered(a) - covered(b) || a.start - b.start);
}
