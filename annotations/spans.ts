import { FactmarkError } from './errors';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1));
}

/**
 * Checks that [start, end) is a real span of `text` and that `quote` is exactly
 * what it covers. Throws `invalid-argument` with the reason otherwise.
 */
export function checkSpan(text: string, start: number, end: number, quote: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new FactmarkError('invalid-argument', `Offsets must be whole numbers; got ${start}–${end}`);
  }
  if (start < 0 || end > text.length) {
    throw new FactmarkError(
      'invalid-argument',
      `Span ${start}–${end} is outside the article, whose text is ${text.length} UTF-16 code units long`,
    );
  }
  if (end <= start) {
    throw new FactmarkError('invalid-argument', `Span ${start}–${end} is empty or reversed: end must be after start`);
  }
  for (const offset of [start, end]) {
    if (splitsSurrogatePair(text, offset)) {
      throw new FactmarkError(
        'invalid-argument',
        `Offset ${offset} falls inside a surrogate pair (one character such as an emoji)`,
      );
    }
  }
  const actual = text.slice(start, end);
  if (actual !== quote) {
    throw new FactmarkError(
      'invalid-argument',
      `Quote does not match the text at ${start}–${end}: the text there is ${JSON.stringify(actual)}, the quote is ${JSON.stringify(quote)}`,
    );
  }
}

/** Shrinks [start, end) so it neither starts nor ends with white space; null if nothing is left. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return e > s ? { start: s, end: e } : null;
}

/** The pieces of a span: its fragments when discontinuous, else the one [start, end). */
export function spanPieces(span: {
  start: number;
  end: number;
  fragments?: readonly { start: number; end: number }[];
}): { start: number; end: number }[] {
  return span.fragments
    ? span.fragments.map(({ start, end }) => ({ start, end }))
    : [{ start: span.start, end: span.end }];
}

/**
 * The canonical span for pieces of `text` (in any order): pieces that
 * overlap, touch, or are parted by white space only (a span brat split at a
 * line break) join into one; `fragments` is set only when pieces remain apart.
 */
export function joinPieces(
  text: string,
  pieces: readonly { start: number; end: number }[],
): { start: number; end: number; fragments?: { start: number; end: number }[] } {
  if (pieces.length === 0) throw new FactmarkError('invalid-argument', 'A span needs at least one piece');
  const sorted = [...pieces].sort((a, b) => a.start - b.start || a.end - b.end);
  const joined: { start: number; end: number }[] = [];
  for (const piece of sorted) {
    const last = joined[joined.length - 1];
    if (last && (piece.start <= last.end || /^\s*$/.test(text.slice(last.end, piece.start))))
      last.end = Math.max(last.end, piece.end);
    else joined.push({ ...piece });
  }
  const start = joined[0]!.start;
  const end = joined[joined.length - 1]!.end;
  return joined.length > 1 ? { start, end, fragments: joined } : { start, end };
}

/** Checks a discontinuous span's fragments: each a real span, in order, canonical, framing [start, end). */
export function checkFragments(
  text: string,
  span: { start: number; end: number; fragments?: readonly { start: number; end: number }[] },
): void {
  const { fragments } = span;
  if (!fragments) return;
  if (fragments.length < 2)
    throw new FactmarkError('invalid-argument', 'A discontinuous span needs at least two fragments');
  for (const f of fragments) checkSpan(text, f.start, f.end, text.slice(f.start, f.end));
  const canonical = joinPieces(text, fragments);
  const same =
    canonical.fragments?.length === fragments.length &&
    canonical.fragments.every((f, i) => f.start === fragments[i]!.start && f.end === fragments[i]!.end);
  if (!same)
    throw new FactmarkError(
      'invalid-argument',
      'Fragments must be in text order and apart, with more than white space between them',
    );
  if (fragments[0]!.start !== span.start || fragments[fragments.length - 1]!.end !== span.end)
    throw new FactmarkError(
      'invalid-argument',
      `Fragments run from ${fragments[0]!.start} to ${fragments[fragments.length - 1]!.end}, but the span is ${span.start}–${span.end}`,
    );
}
