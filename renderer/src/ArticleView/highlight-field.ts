import type { Extension, Range } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView } from '@codemirror/view';
import type { Annotation } from '../../../annotations/model';
import { spanPieces } from '../../../annotations/spans';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { listChanges } from './list-changes';
import type { LayerStyle } from './mark-look';
import { colourOf, layerStyle, markLook } from './mark-look';

export interface Highlights {
  annotations: readonly Annotation[];
  selectedId: string | null;
  kinds: readonly SpanKindDefinition[];
  /** The user's own layer; other layers are drawn apart from it. */
  me: string;
}

export const setHighlights = StateEffect.define<Highlights>();

function markFor(kind: SpanKindDefinition | undefined, name: string, style: LayerStyle, fragment: boolean): Decoration {
  const { className, style: inline } = markLook(name, colourOf(kind), style, fragment);
  return Decoration.mark({ class: className, attributes: { style: inline } });
}

const selectedMark = (id: string) =>
  Decoration.mark({ class: 'fm-selected', attributes: { 'data-selected': 'true' }, annotation: id });

/** The gap of the selected discontinuous span: not highlighted, only joined to its pieces by a dotted line. */
function gapMark(kind: SpanKindDefinition | undefined, id: string): Decoration {
  return Decoration.mark({
    class: 'fm-fragment-gap',
    attributes: { style: `text-decoration: underline dotted ${colourOf(kind)}; text-decoration-thickness: 2px;` },
    annotation: id,
  });
}

/** The annotation a mark was drawn for (each carries its id, so one annotation's marks can be taken out alone). */
const annotationOf = (mark: Decoration): string => (mark.spec as { annotation: string }).annotation;

/**
 * The marks of one annotation: one per piece (a discontinuous span's
 * fragments each carry its kind's colour; its gaps carry nothing), and when
 * it is the selected one, the selection outline on each piece and a dotted
 * line under its gaps so its pieces read as one.
 */
function marksOf(a: Annotation, highlights: Highlights, looks: Map<string, Decoration>): Range<Decoration>[] {
  const style = layerStyle(a.annotator, highlights.me);
  const fragment = a.fragments !== undefined;
  const key = `${a.kind}|${style}|${fragment}`;
  const kind = highlights.kinds.find((k) => k.kind === a.kind);
  let look = looks.get(key);
  if (!look) {
    look = markFor(kind, a.kind, style, fragment);
    looks.set(key, look);
  }
  // The look's class and style, with the annotation's id: marks that look alike still draw as one.
  const mark = Decoration.mark({ ...look.spec, annotation: a.id });
  const pieces = spanPieces(a);
  const selected = a.id === highlights.selectedId;
  const ranges: Range<Decoration>[] = [];
  pieces.forEach((p, i) => {
    ranges.push(mark.range(p.start, p.end));
    if (!selected) return;
    ranges.push(selectedMark(a.id).range(p.start, p.end));
    const next = pieces[i + 1];
    if (next) ranges.push(gapMark(kind, a.id).range(p.end, next.start));
  });
  return ranges;
}

/** Every annotation's marks, built afresh. */
export function buildHighlights(highlights: Highlights): DecorationSet {
  const looks = new Map<string, Decoration>();
  return Decoration.set(
    highlights.annotations.flatMap((a) => marksOf(a, highlights, looks)),
    true,
  );
}

/** Past this many annotations changed at once (another article, a layer shown), building afresh is as quick. */
const FEW = 64;

/**
 * The marks of `next`, made from those of `previous` by taking out the marks
 * of the annotations that changed or went and adding those of the ones that
 * changed or came (an annotation unchanged is the same object in both lists).
 * A keystroke that adds one span touches one span's marks, not thousands.
 */
export function updateHighlights(marks: DecorationSet, previous: Highlights, next: Highlights): DecorationSet {
  if (previous.kinds !== next.kinds || previous.me !== next.me) return buildHighlights(next);
  const { gone, come } = listChanges(previous.annotations, next.annotations);
  if (previous.selectedId !== next.selectedId) {
    // The annotations selected before and now are drawn again, with or without the selection's marks.
    const ids = [previous.selectedId, next.selectedId];
    for (const a of previous.annotations) if (ids.includes(a.id) && !gone.includes(a)) gone.push(a);
    for (const a of next.annotations) if (ids.includes(a.id) && !come.includes(a)) come.push(a);
  }
  if (gone.length + come.length > Math.max(FEW, next.annotations.length / 8)) return buildHighlights(next);
  if (gone.length === 0 && come.length === 0) return marks;
  const add = come.flatMap((a) => marksOf(a, next, new Map()));
  if (gone.length === 0) return marks.update({ add, sort: true });
  const ids = new Set(gone.map((a) => a.id));
  return marks.update({
    filter: (_from, _to, mark) => !ids.has(annotationOf(mark)),
    filterFrom: Math.min(...gone.map((a) => a.start)),
    filterTo: Math.max(...gone.map((a) => a.end)),
    add,
    sort: true,
  });
}

interface Drawn {
  highlights: Highlights | null;
  marks: DecorationSet;
}

/** The annotations of the open article as mark decorations, updated by what changed. */
export function highlightField(): Extension {
  return StateField.define<Drawn>({
    create: () => ({ highlights: null, marks: Decoration.none }),
    update(drawn, transaction) {
      let next = drawn;
      for (const effect of transaction.effects) {
        if (!effect.is(setHighlights)) continue;
        const highlights = effect.value;
        next = {
          highlights,
          marks: next.highlights
            ? updateHighlights(next.marks, next.highlights, highlights)
            : buildHighlights(highlights),
        };
      }
      return next === drawn && transaction.docChanged
        ? { ...drawn, marks: drawn.marks.map(transaction.changes) }
        : next;
    },
    provide: (field) => EditorView.decorations.from(field, (drawn) => drawn.marks),
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
