/**
 * How corpus search finds a text: case-insensitively by Unicode simple case
 * folding (a regular expression with the `iu` flags on the original text, so
 * offsets stay exact where lower-casing would change lengths). The search
 * and its word index build the pattern here, so the two cannot differ.
 */
export function textPattern(needle: string): RegExp {
  return new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
}

/**
 * A word: a run of letters, digits and marks. With the `i` flag a character
 * class matches a character whenever it matches one the character folds
 * with, so whatever case-folds like a word character is one: a needle made
 * of word characters only matches inside one word of the text, never across
 * a word's edge. That is what lets the index count a needle word by word.
 */
export const WORDS = /[\p{L}\p{N}\p{M}]+/giu;

/** A needle that is one word, or part of one (its every match lies inside a word of the text). */
export const isWordPart = (needle: string): boolean => /^[\p{L}\p{N}\p{M}]+$/iu.test(needle);
