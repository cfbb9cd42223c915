import { EditorState } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { Suggestion } from '../../../annotations/suggest/recommender';
import type { Ghosts } from '../../../renderer/src/ArticleView/ghost-field';
import {
  buildGhosts,
  ghostField,
  ghostWords,
  ghostsOf,
  setGhosts,
  suggestionsAt,
} from '../../../renderer/src/ArticleView/ghost-field';
import { highlightField, setHighlights } from '../../../renderer/src/ArticleView/highlight-field';
import { ghostClicked } from '../../../renderer/src/ArticleView/ghost-keys';

const TEXT = 'Hossein Dehqan said that Dehqan and the minister met in Kabul on Monday.';
const KINDS = DEFAULT_TAGSET.kinds;
const PERSON = KINDS[0]!;

function suggestion(kind: string, start: number, end: number, patch: Partial<Suggestion> = {}): Suggestion {
  return {
    id: `sg-gazetteer-${kind}-${start}-${end}`,
    recommender: 'gazetteer',
    kind,
    start,
    end,
    quote: TEXT.slice(start, end),
    score: 0.9,
    attributes: {},
    entityId: null,
    saidBy: null,
    ...patch,
  };
}

/** Every mark drawn, as text, in a fixed order. */
function drawn(set: DecorationSet): string[] {
  const out: string[] = [];
  set.between(0, TEXT.length, (from, to, mark) => {
    const attributes = (mark.spec.attributes ?? {}) as Record<string, string>;
    out.push(`${from}-${to} ${String(mark.spec.class)} ${attributes['data-suggestion']}`);
  });
  return out.sort();
}

describe('the ghosts of suggestions in the text', () => {
  it('are marks of their own, dashed and hatched in the kind’s colour, naming the suggestion', () => {
    const s = suggestion(PERSON.kind, 8, 14);
    const marks = buildGhosts({ suggestions: [s], kinds: KINDS });
    expect(drawn(marks)).toEqual([`8-14 fm-ghost fm-ghost-${PERSON.kind} ${s.id}`]);
    let style = '';
    let title = '';
    marks.between(0, TEXT.length, (_f, _t, mark) => {
      const attributes = mark.spec.attributes as Record<string, string>;
      style = attributes.style!;
      title = attributes.title!;
    });
    expect(style).toContain('dashed');
    expect(style).toContain('repeating-linear-gradient');
    // Never the solid underline of a real span.
    expect(style).not.toContain('inset');
    expect(title).toBe(ghostWords(s, KINDS));
    expect(title).toMatch(new RegExp(`^Suggested ${PERSON.label} “Dehqan” \\(from the registry, 90%\\)`));
  });

  it('quote a long suggestion by its beginning', () => {
    const claim = { ...suggestion('claim', 0, TEXT.length), quote: TEXT.repeat(3) };
    const words = ghostWords(claim, KINDS);
    expect(words).toMatch(/^Suggested Claim “Hossein Dehqan said that .{40,}…” \(from the registry, 90%\)/);
    expect(words.length).toBeLessThan(250);
  });

  it('are drawn beside the highlights, never as one of them', () => {
    let state = EditorState.create({ doc: TEXT, extensions: [highlightField(), ghostField()] });
    const ghosts: Ghosts = { suggestions: [suggestion(PERSON.kind, 25, 31)], kinds: KINDS };
    state = state.update({
      effects: [
        setHighlights.of({ annotations: [], selectedId: null, kinds: KINDS, me: 'alice' }),
        setGhosts.of(ghosts),
      ],
    }).state;
    const [highlights, ghostMarks] = state.facet(EditorView.decorations) as DecorationSet[];
    expect(drawn(highlights!)).toEqual([]);
    expect(drawn(ghostMarks!)).toHaveLength(1);
    expect(ghostsOf(state)).toBe(ghosts);
  });

  it('updated by what changed draw what ghosts built afresh draw (accepts, rejects, new answers)', () => {
    const spans = fc.tuple(fc.nat(TEXT.length - 1), fc.integer({ min: 1, max: 8 }), fc.constantFrom(...KINDS));
    fc.assert(
      fc.property(
        // A list's suggestions have ids of their own (recommender, kind and span).
        fc.uniqueArray(spans, {
          maxLength: 40,
          selector: ([start, length, kind]) => `${kind.kind}-${start}-${Math.min(TEXT.length, start + length)}`,
        }),
        fc.array(fc.array(fc.boolean(), { maxLength: 40 }), { maxLength: 6 }),
        (initial, rounds) => {
          let list = initial.map(([start, length, kind]) =>
            suggestion(kind.kind, start, Math.min(TEXT.length, start + length)),
          );
          let state = EditorState.create({ doc: TEXT, extensions: [ghostField()] });
          state = state.update({ effects: setGhosts.of({ suggestions: list, kinds: KINDS }) }).state;
          for (const keep of rounds) {
            // Some taken out (accepted, rejected), the rest the same objects; one new object with the same span.
            list = list.filter((_, i) => keep[i] ?? true);
            if (list.length > 0) list = [{ ...list[0]! }, ...list.slice(1)];
            state = state.update({ effects: setGhosts.of({ suggestions: list, kinds: KINDS }) }).state;
            const shown = state.facet(EditorView.decorations)[0] as DecorationSet;
            expect(drawn(shown)).toEqual(drawn(buildGhosts({ suggestions: list, kinds: KINDS })));
          }
        },
      ),
    );
  });

  it('move with the text', () => {
    let state = EditorState.create({ doc: TEXT, extensions: [ghostField()] });
    state = state.update({
      effects: setGhosts.of({ suggestions: [suggestion(PERSON.kind, 8, 14)], kinds: KINDS }),
    }).state;
    state = state.update({ changes: { from: 0, insert: 'Mr ' } }).state;
    expect(drawn(state.facet(EditorView.decorations)[0] as DecorationSet)[0]).toMatch(/^11-17 /);
  });
});

describe('the suggestion at the caret', () => {
  const long = suggestion(PERSON.kind, 0, 14);
  const short = suggestion(PERSON.kind, 8, 14, { id: 'short' });
  const weak = suggestion('organisation', 8, 14, { id: 'weak', score: 0.4 });
  const later = suggestion(PERSON.kind, 25, 31, { id: 'later' });
  const all = [long, weak, short, later];

  it('is the shortest covering it, then the best scored', () => {
    expect(suggestionsAt(all, 10).map((s) => s.id)).toEqual(['short', 'weak', long.id]);
    expect(suggestionsAt(all, 0).map((s) => s.id)).toEqual([long.id]);
  });

  it('is one ending there when none covers it (the caret just after a word)', () => {
    expect(suggestionsAt(all, 31).map((s) => s.id)).toEqual(['later']);
    expect(suggestionsAt(all, 14).map((s) => s.id)).toEqual(['short', 'weak', long.id]);
  });

  it('is none in plain text', () => {
    expect(suggestionsAt(all, 20)).toEqual([]);
    expect(suggestionsAt([], 3)).toEqual([]);
  });
});

describe('a click on a ghost', () => {
  it('is found from the element under the pointer, inside a mark or on it', () => {
    const ghost = {
      closest: (selector: string) => (selector === '[data-suggestion]' ? ghost : null),
      getAttribute: () => 'sg-1',
    };
    // No DOM under Node: an object that answers as an element does.
    const Element = class {};
    Object.setPrototypeOf(ghost, Element.prototype);
    (globalThis as { Element?: unknown }).Element = Element;
    try {
      expect(ghostClicked(ghost as unknown as EventTarget)).toBe('sg-1');
      expect(ghostClicked(null)).toBeNull();
    } finally {
      delete (globalThis as { Element?: unknown }).Element;
    }
  });
});
