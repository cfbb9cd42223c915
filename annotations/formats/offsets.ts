/**
 * Offset units. Factmark stores UTF-16 code units (JavaScript string
 * indices); brat standoff and the W3C TextPositionSelector count Unicode code
 * points. A span never splits a surrogate pair, so the two convert exactly.
 */
export interface OffsetMap {
  /** The code-point offset of a UTF-16 offset. */
  toCodePoint(utf16: number): number;
  /** The UTF-16 offset of a code-point offset. */
  toUtf16(codePoint: number): number;
  /** The text's length in code points. */
  readonly codePointLength: number;
}

/** Any UTF-16 surrogate: only such a text counts code points apart from code units. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** The offsets of a text without surrogates, where both units agree: nothing to build. */
function sameOffsets(text: string): OffsetMap {
  const check = (offset: number, unit: string) => {
    if (!Number.isInteger(offset) || offset < 0 || offset > text.length)
      throw new RangeError(`${unit} offset ${offset} is outside the text`);
    return offset;
  };
  return {
    codePointLength: text.length,
    toCodePoint: (utf16) => check(utf16, 'UTF-16'),
    toUtf16: (codePoint) => check(codePoint, 'code-point'),
  };
}

/** Builds both conversions for one text in a single pass (none for a text whose units are its code points, most texts). */
export function offsetMap(text: string): OffsetMap {
  if (!SURROGATE.test(text)) return sameOffsets(text);
  const toCp = new Uint32Array(text.length + 1);
  const toU16: number[] = [];
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    toCp[i] = cp;
    const code = text.charCodeAt(i);
    const isPairStart = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const next = text.charCodeAt(i + 1);
    toU16.push(i);
    if (isPairStart && next >= 0xdc00 && next <= 0xdfff) {
      toCp[i + 1] = cp;
      i++;
    }
    cp++;
  }
  toCp[text.length] = cp;
  toU16.push(text.length);
  return {
    codePointLength: cp,
    toCodePoint: (utf16) => {
      if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length)
        throw new RangeError(`UTF-16 offset ${utf16} is outside the text`);
      return toCp[utf16]!;
    },
    toUtf16: (codePoint) => {
      const at = toU16[codePoint];
      if (at === undefined || !Number.isInteger(codePoint))
        throw new RangeError(`code-point offset ${codePoint} is outside the text`);
      return at;
    },
  };
}
