/** Which end of a span a key moves, which way, and how far. */
export interface BoundaryMove {
  edge: 'start' | 'end';
  direction: -1 | 1;
  unit: 'char' | 'word';
}

const WORD = /[\p{L}\p{N}_]/u;
const isWord = (text: string, at: number) => WORD.test(text.charAt(at));
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** One character further, never into the middle of a surrogate pair. */
function stepChar(text: string, at: number, direction: -1 | 1): number {
  const next = at + direction;
  return next > 0 && next < text.length && isLow(text.charCodeAt(next)) ? next + direction : next;
}

/** Moves from `at` over characters that are (or are not) word characters. */
function skip(text: string, at: number, direction: -1 | 1, word: boolean): number {
  let pos = at;
  for (;;) {
    // Going left, the character passed over is the one before the offset.
    const i = direction === 1 ? pos : pos - 1;
    if (i < 0 || i >= text.length || isWord(text, i) !== word) return pos;
    pos += direction;
  }
}

/**
 * Where a span's ends go after a move: by a character, or to the next word
 * edge that keeps the span ending on a word (end) or starting on one (start).
 * Null when the span would be empty or leave the text.
 */
export function movedSpan(
  text: string,
  span: { start: number; end: number },
  move: BoundaryMove,
): { start: number; end: number } | null {
  const at = move.edge === 'start' ? span.start : span.end;
  let to: number;
  if (move.unit === 'char') to = stepChar(text, at, move.direction);
  else {
    // The end: over the gap, then over the word (right), or back over the word and the gap (left); the start mirrors it.
    const gapFirst = (move.edge === 'end') === (move.direction === 1);
    const first = skip(text, at, move.direction, !gapFirst);
    to = skip(text, first, move.direction, gapFirst);
  }
  const next = move.edge === 'start' ? { start: to, end: span.end } : { start: span.start, end: to };
  if (next.start < 0 || next.end > text.length || next.end <= next.start) return null;
  if (next.start === span.start && next.end === span.end) return null;
  return next;
}
