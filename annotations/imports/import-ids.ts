/**
 * Store ids made from what other files call things: file names, JSONL and
 * doccano ids, Label Studio article ids, W3C IRIs, brat ids. Whatever the
 * input, the id matches `IdSchema` (so the store reads back what it wrote),
 * names a file on every platform, and reads like the original.
 */

/** Article ids stay short: annotation ids are made from them (`<article>.T1`). */
export const MAX_ARTICLE_ID = 64;
/** `IdSchema`'s limit. */
export const MAX_RECORD_ID = 128;

/** Ids already taken, compared without case: `Doc` and `doc` would be one file on macOS and Windows. */
export interface IdSet {
  has(id: string): boolean;
  add(id: string): void;
  delete(id: string): void;
}

export function createIdSet(ids: Iterable<string> = []): IdSet {
  const folded = new Set<string>();
  for (const id of ids) folded.add(id.toLowerCase());
  return {
    has: (id) => folded.has(id.toLowerCase()),
    add: (id) => void folded.add(id.toLowerCase()),
    delete: (id) => void folded.delete(id.toLowerCase()),
  };
}

/** FNV-1a over the UTF-16 code units, as 8 hex digits: tells two long originals apart. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Names Windows keeps for devices, even with an extension (`articles/CON.json`). */
const DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const FILE_EXTENSION = /\.(txt|ann|md|markdown|html?|jsonl?|jsonld|xml|csv|conf)$/i;

const trimEnds = (s: string) => s.replace(/^[^A-Za-z0-9]+/, '').replace(/[-.]+$/, '');

/**
 * `raw` as a valid id of at most `max` characters: accents dropped, letters,
 * digits and `_.-` kept, every other run of characters one `-`, no leading
 * dot or dash. Cut to length, it ends with a hash of `raw`; with nothing
 * left, it is `fallback` and that hash.
 */
function validId(raw: string, max: number, fallback: string): string {
  const cleaned = trimEnds(
    raw
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-'),
  );
  if (cleaned === '') return raw === '' ? fallback : `${fallback}-${shortHash(raw)}`;
  const id = cleaned.length <= max ? cleaned : `${trimEnds(cleaned.slice(0, max - 9))}-${shortHash(raw)}`;
  const [first = '', ...rest] = id.split('.');
  return DEVICE_NAME.test(first) ? trimEnds([`${first}_`, ...rest].join('.').slice(0, max)) : id;
}

/** `base-2`, `base-3`…, cut so the counter fits within `max`. */
function unique(base: string, taken: IdSet, max: number): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${trimEnds(base.slice(0, max - String(n).length - 1))}-${n}`;
  taken.add(id);
  return id;
}

/**
 * A new article id from any name or id another file gives: its last path
 * segment without a file extension, made valid (see `validId`), at most
 * `MAX_ARTICLE_ID` characters, and not in `taken` (to which it is added).
 * `../data/doc.ann` gives `doc`; `` gives `article`.
 */
export function articleIdFrom(raw: string, taken: IdSet): string {
  const segment =
    raw
      .split(/[\\/]/)
      .filter((s) => s !== '' && s !== '.' && s !== '..')
      .pop() ?? '';
  return unique(validId(segment.replace(FILE_EXTENSION, ''), MAX_ARTICLE_ID, 'article'), taken, MAX_ARTICLE_ID);
}

/** A record id (an annotation or link) made from another file's ids: valid, at most `MAX_RECORD_ID` characters. */
export function recordIdFrom(raw: string): string {
  return validId(raw, MAX_RECORD_ID, 'record');
}

/** Where an article came from, with the original id when the store's differs from it. */
export function sourceWithId(source: string, rawId: string | null, id: string): string {
  return rawId === null || rawId === id ? source : `${source} (id ${JSON.stringify(rawId.slice(0, 500))})`;
}
