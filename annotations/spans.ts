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
