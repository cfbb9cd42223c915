import { createHash } from 'node:crypto';

/**
 * Annotator names as file names: `layers/<articleId>/<name>.json`.
 *
 * Lowercase ASCII letters, digits and "-" stand for themselves; every other
 * UTF-16 code unit becomes "_" and four lowercase hex digits ("Ana" →
 * "_0041na", "../x" → "_002e_002e_002fx"; any string, even one holding a
 * lone surrogate, has a code). So a name never holds a path separator, a dot, an
 * upper-case letter (two names that differ only in case stay two files on
 * macOS and Windows) or a character some file system refuses. A name that
 * would be a device name on Windows (CON, NUL, COM1…) has its first letter
 * escaped too. The code is injective and `decodeAnnotatorFileName` reverses
 * it; a name whose code would be too long for a file name (over 180
 * characters) is cut and ends in "~" and a hash of the whole name instead,
 * and the layer file itself says whose it is.
 */
const KEPT = /^[a-z0-9-]$/;
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX = 180;

const hex = (unit: number) => `_${unit.toString(16).padStart(4, '0')}`;

export function encodeAnnotatorFileName(annotator: string): string {
  let code = '';
  for (let i = 0; i < annotator.length; i++)
    code += KEPT.test(annotator[i]!) ? annotator[i] : hex(annotator.charCodeAt(i));
  if (DEVICE.test(code)) code = hex(code.charCodeAt(0)) + code.slice(1);
  if (code.length <= MAX) return code;
  const hash = createHash('sha256').update(annotator, 'utf16le').digest('hex').slice(0, 32);
  return `${code.slice(0, MAX - 40).replace(/_[0-9a-f]{0,3}$/, '')}~${hash}`;
}

/** The annotator a file name stands for; null when it is no name's code, or a long name's cut code. */
export function decodeAnnotatorFileName(code: string): string | null {
  if (!/^([a-z0-9-]|_[0-9a-f]{4})+$/.test(code)) return null;
  const name = code.replace(/_([0-9a-f]{4})/g, (_all, unit: string) => String.fromCharCode(parseInt(unit, 16)));
  // Only the one code each name has: "_61" for "a" is no name's code.
  return encodeAnnotatorFileName(name) === code ? name : null;
}
