import { EditorState } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../annotations/model';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { AttributeDefinition } from '../../../annotations/tagset';
import { annotationsAt, highlightField, setHighlights } from '../../../renderer/src/ArticleView/highlight-field';
import { pieceQuotes, quoteParts, shownQuote } from '../../../renderer/src/ArticleView/quote-pieces';
import {
  booleanOption,
  formatValue,
  fromBooleanOption,
  offersUnset,
  parseNumber,
} from '../../../renderer/src/DetailsPanel/attribute-values';

const TEXT = 'He picked it up today.';
const STAMP = '2026-11-30T00:00:00.000Z';
function annotation(id: string, start: number, end: number, fragments?: [number, number][]): Annotation {
  return {
    id,
    articleId: 'a',
    annotator: 'alice',
    kind: 'event',
    start,
    end,
    quote: TEXT.slice(start, end),
    ...(fragments && { fragments: fragments.map(([s, e]) => ({ start: s, end: e })) }),
    attributes: {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}
// "picked … up": 3–9 and 13–15; "it" (10–12) is the gap.
const pickedUp = annotation('p', 3, 15, [
  [3, 9],
  [13, 15],
]);
const it_ = annotation('i', 10, 12);

describe('values shown to people', () => {
  it('shows unset as "—", never as false, null or the default', () => {
    expect([null, undefined, ''].map(formatValue)).toEqual(['—', '—', '—']);
    expect([true, false, 0, 'opinion', ['a', 'b'], []].map(formatValue)).toEqual([
      'yes',
      'no',
      '0',
      'opinion',
      'a, b',
      'none',
    ]);
  });

  it('gives a yes/no attribute three states, and back to unset', () => {
    expect([null, undefined, true, false].map(booleanOption)).toEqual(['', '', 'yes', 'no']);
    expect(['', 'yes', 'no'].map(fromBooleanOption)).toEqual([null, true, false]);
  });

  it('offers "—" unless the attribute is required and chosen', () => {
    const optional: AttributeDefinition = {
      name: 'cw',
      label: 'Check-worthy',
      type: 'boolean',
      default: null,
      required: false,
    };
    const required = { ...optional, required: true };
    expect(offersUnset(optional, true)).toBe(true);
    expect(offersUnset(required, null)).toBe(true);
    expect(offersUnset(required, true)).toBe(false);
  });

  it('reads an emptied number field as unset', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(' 2.5 ')).toBe(2.5);
    expect(parseNumber('abc')).toBeUndefined();
  });
});

describe('discontinuous spans in the editor', () => {
  it('quotes the pieces joined by " … ", and keeps the gap apart', () => {
    expect(pieceQuotes(pickedUp)).toEqual(['picked', 'up']);
    expect(shownQuote(pickedUp)).toBe('picked … up');
    expect(shownQuote(it_)).toBe('it');
    expect(quoteParts(pickedUp)).toEqual([
      { text: 'picked', gap: false },
      { text: ' it ', gap: true },
      { text: 'up', gap: false },
    ]);
  });

  it('a click in a piece picks the span; a click in the gap does not', () => {
    expect(annotationsAt([pickedUp, it_], 4).map((a) => a.id)).toEqual(['p']);
    expect(annotationsAt([pickedUp, it_], 14).map((a) => a.id)).toEqual(['p']);
    expect(annotationsAt([pickedUp, it_], 10).map((a) => a.id)).toEqual(['i']);
    expect(annotationsAt([pickedUp], 9)).toEqual([]);
  });

  /** The highlighted stretches of the text, as [from, to, class]. */
  function marks(selectedId: string | null): [number, number, string][] {
    let state = EditorState.create({ doc: TEXT, extensions: [highlightField()] });
    state = state.update({
      effects: setHighlights.of({ annotations: [pickedUp], selectedId, kinds: DEFAULT_TAGSET.kinds, me: 'alice' }),
    }).state;
    const out: [number, number, string][] = [];
    const set = state.facet(EditorView.decorations)[0] as DecorationSet;
    set.between(0, TEXT.length, (from, to, value) => {
      out.push([from, to, String(value.spec.class)]);
    });
    return out.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]));
  }

  it('highlights each piece in the kind’s colour and leaves the gap unhighlighted', () => {
    expect(marks(null)).toEqual([
      [3, 9, 'fm-mark fm-mark-event fm-layer-mine fm-fragment'],
      [13, 15, 'fm-mark fm-mark-event fm-layer-mine fm-fragment'],
    ]);
  });

  it('outlines every piece of the selected span and joins them with a dotted line under the gap', () => {
    expect(marks('p')).toEqual([
      [3, 9, 'fm-mark fm-mark-event fm-layer-mine fm-fragment'],
      [3, 9, 'fm-selected'],
      [9, 13, 'fm-fragment-gap'],
      [13, 15, 'fm-mark fm-mark-event fm-layer-mine fm-fragment'],
      [13, 15, 'fm-selected'],
    ]);
  });
});
