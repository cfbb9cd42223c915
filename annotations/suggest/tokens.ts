import { nameTokens } from '../name-match';

/** A word of the text: a run of letters and digits, with its UTF-16 offsets and its folded form. */
export interface Token {
  start: number;
  end: number;
  /** Lower case, without diacritics: the form names are compared in. */
  key: string;
  /** The word may continue a name begun by the word before it (see `joinable`). */
  joined: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the code point at `i` is a letter or digit, and how many code units it takes. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const size = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return WORD_CHAR.test(text.slice(i, i + size)) ? size : 0;
}

/**
 * Lower case without diacritics, as `nameTokens` of name-match folds a name;
 * kept per word (hyphens and apostrophes split words here) and without its
 * title list, because a gazetteer must see "Minister" in "Defense Minister".
 */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The text's words in one pass. Hyphens of every kind (al-, al‑, al–) and
 * apostrophes split words, so "al‑Obeidi" and "Iraq’s" give the same words
 * as "al Obeidi" and "Iraq". Folding is cached per distinct word: long texts
 * repeat their words. The scan reads char codes: it runs over every character
 * of a long text.
 */
export function tokenize(text: string, cache = new Map<string, string>()): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    let size = wordCharAt(text, i);
    if (size === 0) {
      i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
      continue;
    }
    const start = i;
    while (size > 0) {
      i += size;
      size = i < text.length ? wordCharAt(text, i) : 0;
    }
    const word = text.slice(start, i);
    let key = cache.get(word);
    if (key === undefined) {
      key = foldWord(word);
      cache.set(word, key);
    }
    const prev = tokens[tokens.length - 1];
    const token = { start, end: i, key, joined: false };
    token.joined = prev !== undefined && joinable(text, prev, token);
    tokens.push(token);
  }
  return tokens;
}

let last: { text: string; tokens: readonly Token[] } | null = null;

/** The text's words, kept for the last text read: the recommenders of one request read the same text. */
export function tokensOf(text: string): readonly Token[] {
  if (last === null || last.text !== text) last = { text, tokens: tokenize(text) };
  return last.tokens;
}

/** Arabic article prefixes that a name may carry or drop ("al-Obeidi", "Obeidi"). */
const ARTICLES = new Set(['al', 'el']);

const SPACES = new Set([' ', '\t', '\u00a0']);
const HYPHENS = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212']);

/**
 * Whether tokens `a` and `b` (a before b) may belong to one name: between
 * them one or two spaces, one hyphen of any kind, or the dot of an initial
 * ("U.S.", "J. Smith"). Read char by char: it runs for every word of a long text.
 */
export function joinable(text: string, a: Token, b: Token): boolean {
  const gap = b.start - a.end;
  const c = text[a.end]!;
  if (gap === 1) return SPACES.has(c) || HYPHENS.has(c) || c === '.';
  if (gap === 2) return (SPACES.has(c) || c === '.') && SPACES.has(text[a.end + 1]!);
  return false;
}

/** Whether a word is a title or rank name-match ignores ("General", "Minister"). */
export function isTitle(word: string): boolean {
  let title = titles.get(word);
  if (title === undefined) {
    title = nameTokens(word).length === 0 && word.trim().length > 0;
    if (titles.size < 100_000) titles.set(word, title);
  }
  return title;
}
const titles = new Map<string, boolean>();

/** The keys a phrase is matched by: its folded words without Arabic articles. */
export function phraseKeys(phrase: string): string[] {
  const words = tokenize(phrase).map((t) => t.key);
  return words.filter((w, i) => !(ARTICLES.has(w) && i < words.length - 1));
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

/**
 * A trie over word keys: phrases added once, then found in a text in one
 * pass, longest match first, on word boundaries.
 */
export interface PhraseTrie<T> {
  add(keys: readonly string[], value: T): void;
  /** Every non-overlapping longest match, left to right. */
  find(text: string, tokens: readonly Token[]): { start: number; end: number; values: readonly T[] }[];
}

export function createPhraseTrie<T>(): PhraseTrie<T> {
  const root: TrieNode<T> = { next: new Map(), values: [] };
  return {
    add(keys, value) {
      if (keys.length === 0) return;
      let node = root;
      for (const key of keys) {
        let child = node.next.get(key);
        if (!child) {
          child = { next: new Map(), values: [] };
          node.next.set(key, child);
        }
        node = child;
      }
      node.values.push(value);
    },
    find(text, tokens) {
      const found: { start: number; end: number; values: readonly T[] }[] = [];
      let i = 0;
      while (i < tokens.length) {
        let node: TrieNode<T> | undefined = root;
        let best: { last: number; values: readonly T[] } | null = null;
        for (let j = i; j < tokens.length && node; j++) {
          if (j > i && !tokens[j]!.joined) break;
          const key = tokens[j]!.key;
          // An article before another word of the name is skipped on both sides.
          if (ARTICLES.has(key) && j + 1 < tokens.length && tokens[j + 1]!.joined) continue;
          node = node.next.get(key);
          if (node && node.values.length > 0) best = { last: j, values: node.values };
        }
        if (best) {
          found.push({ start: tokens[i]!.start, end: tokens[best.last]!.end, values: best.values });
          i = best.last + 1;
        } else i++;
      }
      return found;
    },
  };
}
