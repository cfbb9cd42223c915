import type { EditorState, Extension, Range } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView } from '@codemirror/view';
import type { Suggestion } from '../../../annotations/suggest/recommender';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { recommenderSource } from '../state/recommender-names';
import { listChanges } from './list-changes';

/** The suggestions drawn as ghosts in the text, and the kinds that colour them. */
export interface Ghosts {
  suggestions: readonly Suggestion[];
  kinds: readonly SpanKindDefinition[];
}

export const setGhosts = StateEffect.define<Ghosts>();

const NO_GHOSTS: Ghosts = { suggestions: [], kinds: [] };

const kindLabel = (kinds: readonly SpanKindDefinition[], kind: string) =>
  kinds.find((k) => k.kind === kind)?.label ?? kind;

/** How much of a suggestion's text its tooltip and announcement quote. */
const QUOTE_WORDS = 80;

/** A suggestion in words: what it proposes, where from, and the keys that take it or turn it down. */
export function ghostWords(s: Suggestion, kinds: readonly SpanKindDefinition[]): string {
  const label = kindLabel(kinds, s.kind);
  // A whole claim is proposed at times: its beginning says which one.
  const quote = s.quote.length > QUOTE_WORDS ? `${s.quote.slice(0, QUOTE_WORDS - 1).trimEnd()}…` : s.quote;
  return (
    `Suggested ${label} “${quote}” (from ${recommenderSource(s.recommender)}, ` +
    `${Math.round(s.score * 100)}%): Enter or a click accepts, Backspace rejects, ` +
    `Shift+Enter accepts every ${label} suggested in the article`
  );
}

/** `#rrggbb` at the given opacity. */
function tint(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * A ghost's look: a hatched pale fill and a dashed frame in its kind's
 * colour, never the solid fill and underline of a real span, so a proposal
 * is not taken for an annotation.
 */
function ghostStyle(color: string): string {
  return (
    `background-image: repeating-linear-gradient(135deg, ${tint(color, 0.2)} 0 3px, transparent 3px 6px);` +
    ` outline: 1px dashed ${color}; outline-offset: -1px; border-radius: 2px;`
  );
}

function ghostMark(s: Suggestion, ghosts: Ghosts, styles: Map<string, string>): Range<Decoration> {
  let style = styles.get(s.kind);
  if (style === undefined) {
    style = ghostStyle(ghosts.kinds.find((k) => k.kind === s.kind)?.color ?? '#888888');
    styles.set(s.kind, style);
  }
  return Decoration.mark({
    class: `fm-ghost fm-ghost-${s.kind}`,
    attributes: { style, 'data-suggestion': s.id, title: ghostWords(s, ghosts.kinds) },
    suggestion: s.id,
  }).range(s.start, s.end);
}

/** Every ghost's mark, built afresh (one range set: built once, drawn only where the text is on screen). */
export function buildGhosts(ghosts: Ghosts): DecorationSet {
  const styles = new Map<string, string>();
  return Decoration.set(
    ghosts.suggestions.filter((s) => s.end > s.start).map((s) => ghostMark(s, ghosts, styles)),
    true,
  );
}

/** Past this many changed at once (another article, the layer shown again), building afresh is as quick. */
const FEW = 64;

/**
 * The marks of `next` made from those of `previous`: the ghosts accepted or
 * rejected are taken out and those that came are added (a suggestion
 * unchanged is the same object in both lists), so accepting one ghost among
 * thousands touches one mark.
 */
export function updateGhosts(marks: DecorationSet, previous: Ghosts, next: Ghosts): DecorationSet {
  if (previous.kinds !== next.kinds) return buildGhosts(next);
  const { gone, come } = listChanges(previous.suggestions, next.suggestions);
  if (gone.length + come.length > Math.max(FEW, next.suggestions.length / 8)) return buildGhosts(next);
  if (gone.length === 0 && come.length === 0) return marks;
  const styles = new Map<string, string>();
  const add = come.filter((s) => s.end > s.start).map((s) => ghostMark(s, next, styles));
  if (gone.length === 0) return marks.update({ add, sort: true });
  const ids = new Set(gone.map((s) => s.id));
  return marks.update({
    filter: (_from, _to, mark) => !ids.has((mark.spec as { suggestion: string }).suggestion),
    filterFrom: Math.min(...gone.map((s) => s.start)),
    filterTo: Math.max(...gone.map((s) => s.end)),
    add,
    sort: true,
  });
}

interface Drawn {
  ghosts: Ghosts;
  marks: DecorationSet;
}

const ghostState = StateField.define<Drawn>({
  create: () => ({ ghosts: NO_GHOSTS, marks: Decoration.none }),
  update(drawn, transaction) {
    let next = drawn;
    for (const effect of transaction.effects) {
      if (effect.is(setGhosts))
        next = { ghosts: effect.value, marks: updateGhosts(next.marks, next.ghosts, effect.value) };
    }
    return next === drawn && transaction.docChanged ? { ...drawn, marks: drawn.marks.map(transaction.changes) } : next;
  },
  provide: (field) => EditorView.decorations.from(field, (drawn) => drawn.marks),
});

/** The suggestions as ghost marks: a decoration set of their own, apart from the annotations' highlights. */
export function ghostField(): Extension {
  return ghostState;
}

/** The ghosts the text shows now (none where the field is not installed). */
export function ghostsOf(state: EditorState): Ghosts {
  return state.field(ghostState, false)?.ghosts ?? NO_GHOSTS;
}

/**
 * The suggestions at a caret: those covering `pos`, or, where none does,
 * those ending there (the caret just after a word). Shortest first, then the
 * best scored: the one Enter takes.
 */
export function suggestionsAt(suggestions: readonly Suggestion[], pos: number): Suggestion[] {
  const covering = suggestions.filter((s) => s.start <= pos && pos < s.end);
  const found = covering.length > 0 ? covering : suggestions.filter((s) => s.end === pos && s.start < pos);
  return found.sort((a, b) => a.end - a.start - (b.end - b.start) || b.score - a.score || a.start - b.start);
}
