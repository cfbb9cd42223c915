import type { Extension, Range } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView } from '@codemirror/view';
import type { Annotation } from '../../../annotations/model';
import { GOLD } from '../../../annotations/model';
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

function markFor(kind: SpanKindDefinition | undefined, name: string, style: LayerStyle): Decoration {
  const color = kind?.color ?? '#888888';
  const look = {
    mine: `background-color: ${tint(color, 0.22)}; box-shadow: inset 0 -2px 0 ${color};`,
    other: `background-color: ${tint(color, 0.1)}; border-bottom: 2px dashed ${color};`,
    gold: `background-color: ${tint(color, 0.22)}; box-shadow: inset 0 -2px 0 ${color}, inset 0 2px 0 #c9a227;`,
  }[style];
  return Decoration.mark({
    class: `fm-mark fm-mark-${name} fm-layer-${style}`,
    attributes: { style: look },
  });
}

const selectedMark = Decoration.mark({ class: 'fm-selected', attributes: { 'data-selected': 'true' } });

function build(highlights: Highlights): DecorationSet {
  const marks = new Map<string, Decoration>();
  const ranges: Range<Decoration>[] = [];
  for (const a of highlights.annotations) {
    const style = layerStyle(a.annotator, highlights.me);
    let mark = marks.get(`${a.kind}|${style}`);
    if (!mark) {
      mark = markFor(
        highlights.kinds.find((k) => k.kind === a.kind),
        a.kind,
        style,
      );
      marks.set(`${a.kind}|${style}`, mark);
    }
    ranges.push(mark.range(a.start, a.end));
    if (a.id === highlights.selectedId) ranges.push(selectedMark.range(a.start, a.end));
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

/** The annotations covering `pos`, smallest first: the order repeated clicks cycle through. */
export function annotationsAt(annotations: readonly Annotation[], pos: number): Annotation[] {
  return annotations
    .filter((a) => a.start <= pos && pos < a.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
}
