import { EditorState } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { Annotation } from '../../../annotations/model';
import { GOLD } from '../../../annotations/model';
import type { Highlights } from '../../../renderer/src/ArticleView/highlight-field';
import { buildHighlights, highlightField, setHighlights } from '../../../renderer/src/ArticleView/highlight-field';
import { listChanges } from '../../../renderer/src/ArticleView/list-changes';

const LENGTH = 120;
const TEXT = 'x'.repeat(LENGTH);
const KINDS = DEFAULT_TAGSET.kinds.map((k) => k.kind);
const ANNOTATORS = ['alice', 'bob', GOLD];
const STAMP = '2026-12-01T00:00:00.000Z';

/** Every mark drawn, as text, in a fixed order: two sets drawing the same marks give the same list. */
function drawn(set: DecorationSet): string[] {
  const out: string[] = [];
  set.between(0, LENGTH, (from, to, mark) => {
    out.push(`${from}-${to} ${String(mark.spec.class)} ${JSON.stringify(mark.spec.attributes ?? {})}`);
  });
  return out.sort();
}

const shown = (state: EditorState) => drawn(state.facet(EditorView.decorations)[0] as DecorationSet);

/** An annotation of 1–3 pieces somewhere in the text. */
const annotationArb = (id: string) =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS),
      annotator: fc.constantFrom(...ANNOTATORS),
      cuts: fc.uniqueArray(fc.integer({ min: 0, max: LENGTH }), { minLength: 2, maxLength: 6 }),
    })
    .map(({ kind, annotator, cuts }): Annotation => {
      const at = [...cuts].sort((a, b) => a - b);
      // Pairs of cuts are pieces; an odd cut out is dropped.
      const pieces: { start: number; end: number }[] = [];
      for (let i = 0; i + 1 < at.length; i += 2) pieces.push({ start: at[i]!, end: at[i + 1]! });
      return {
        id,
        articleId: 'a',
        annotator,
        kind,
        start: pieces[0]!.start,
        end: pieces.at(-1)!.end,
        quote: '',
        ...(pieces.length > 1 && { fragments: pieces }),
        attributes: {},
        note: '',
        entityId: null,
        eventId: null,
        createdAt: STAMP,
        updatedAt: STAMP,
      };
    });

type Edit =
  | { op: 'add'; annotation: Annotation }
  | { op: 'remove'; at: number }
  | { op: 'replace'; at: number; annotation: Annotation }
  | { op: 'touch'; at: number }
  | { op: 'select'; at: number | null }
  | { op: 'me'; me: string }
  | { op: 'sort' };

const editArb = (n: number): fc.Arbitrary<Edit> =>
  fc.oneof(
    annotationArb(`new-${n}`).map((annotation) => ({ op: 'add' as const, annotation })),
    fc.nat().map((at) => ({ op: 'remove' as const, at })),
    fc.tuple(fc.nat(), annotationArb('')).map(([at, annotation]) => ({ op: 'replace' as const, at, annotation })),
    fc.nat().map((at) => ({ op: 'touch' as const, at })),
    fc.option(fc.nat()).map((at) => ({ op: 'select' as const, at })),
    fc.constantFrom('alice', 'bob').map((me) => ({ op: 'me' as const, me })),
    fc.constant({ op: 'sort' as const }),
  );

/** Applies an edit as the workspace store does: a new list, untouched annotations the same objects. */
function apply(h: Highlights, edit: Edit): Highlights {
  const list = [...h.annotations];
  const pick = (at: number) => (list.length === 0 ? -1 : at % list.length);
  switch (edit.op) {
    case 'add':
      return { ...h, annotations: [...list, edit.annotation], selectedId: edit.annotation.id };
    case 'remove': {
      const i = pick(edit.at);
      if (i >= 0) list.splice(i, 1);
      return { ...h, annotations: list };
    }
    case 'replace': {
      // The same annotation moved or given another kind (its id kept).
      const i = pick(edit.at);
      if (i >= 0) list[i] = { ...edit.annotation, id: list[i]!.id };
      return { ...h, annotations: list };
    }
    case 'touch': {
      // A new object with the same content (an attribute or note saved).
      const i = pick(edit.at);
      if (i >= 0) list[i] = { ...list[i]!, note: `${list[i]!.note}.` };
      return { ...h, annotations: list };
    }
    case 'select': {
      const i = edit.at === null ? -1 : pick(edit.at);
      return { ...h, selectedId: i >= 0 ? list[i]!.id : null };
    }
    case 'me':
      return { ...h, me: edit.me };
    case 'sort':
      // Put in text order, as the store keeps them: annotations move, none changes.
      return { ...h, annotations: list.sort((a, b) => a.start - b.start || a.end - b.end) };
  }
}

describe('highlights updated by what changed', () => {
  it('draw the same marks as highlights built afresh, after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 30 }).chain((ids) =>
          fc.tuple(
            fc.tuple(...ids.map((_, i) => annotationArb(`a-${i}`))),
            fc
              .array(fc.integer({ min: 0, max: 1000 }), { maxLength: 25 })
              .chain((seeds) => fc.tuple(...seeds.map((_, i) => editArb(i)))),
          ),
        ),
        ([initial, edits]) => {
          let highlights: Highlights = {
            annotations: initial,
            selectedId: initial[0]?.id ?? null,
            kinds: DEFAULT_TAGSET.kinds,
            me: 'alice',
          };
          let state = EditorState.create({ doc: TEXT, extensions: [highlightField()] });
          state = state.update({ effects: setHighlights.of(highlights) }).state;
          for (const edit of edits) {
            highlights = apply(highlights, edit);
            state = state.update({ effects: setHighlights.of(highlights) }).state;
            expect(shown(state)).toEqual(drawn(buildHighlights(highlights)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the marks of the annotations that did not change, and adds the new one', () => {
    const annotations = Array.from({ length: 50 }, (_, i) => ({
      id: `a-${i}`,
      articleId: 'a',
      annotator: 'alice',
      kind: 'claim',
      start: i * 2,
      end: i * 2 + 1,
      quote: 'x',
      attributes: {},
      note: '',
      entityId: null,
      eventId: null,
      createdAt: STAMP,
      updatedAt: STAMP,
    }));
    const before: Highlights = { annotations, selectedId: null, kinds: DEFAULT_TAGSET.kinds, me: 'alice' };
    let state = EditorState.create({ doc: TEXT, extensions: [highlightField()] });
    state = state.update({ effects: setHighlights.of(before) }).state;
    const marksBefore = new Set<unknown>();
    (state.facet(EditorView.decorations)[0] as DecorationSet).between(0, LENGTH, (_f, _t, mark) => {
      marksBefore.add(mark);
    });
    const added = { ...annotations[0]!, id: 'new', start: 101, end: 107 };
    state = state.update({ effects: setHighlights.of({ ...before, annotations: [...annotations, added] }) }).state;
    const kept: unknown[] = [];
    (state.facet(EditorView.decorations)[0] as DecorationSet).between(0, LENGTH, (_f, _t, mark) => {
      if (marksBefore.has(mark)) kept.push(mark);
    });
    // The fifty marks are the very same decoration objects: nothing was built again.
    expect(kept).toHaveLength(50);
    expect(shown(state)).toHaveLength(51);
  });
});

describe('list changes', () => {
  it('are the set differences of the two lists, by identity, whatever was added, taken, replaced or moved', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ i }));
    fc.assert(
      fc.property(fc.shuffledSubarray(items), fc.shuffledSubarray(items), fc.boolean(), (before, after, share) => {
        // Often the lists share a head and a tail, as after one edit.
        const next = share ? [...before.slice(0, 5), ...after, ...before.slice(-5)] : after;
        const unique = [...new Set(next)];
        const { gone, come } = listChanges(before, unique);
        expect(new Set(gone)).toEqual(new Set(before.filter((x) => !unique.includes(x))));
        expect(new Set(come)).toEqual(new Set(unique.filter((x) => !before.includes(x))));
      }),
    );
  });
});
