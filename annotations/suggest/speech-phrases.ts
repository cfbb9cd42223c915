import { isTitle } from './tokens';

/**
 * The noun phrases attribution patterns look for: who said something. A
 * speaker is a pronoun, a name (capitalised words, titles dropped: "General
 * Dehqan" → "Dehqan") or a description ending in a role ("the Iraqi defense
 * minister" → "Iraqi defense minister").
 */

export const SPEECH_VERBS =
  'said|says|added|adds|adding|stressed|stresses|emphasized|emphasised|emphasizes|underlined|underlines|reiterated|reiterating|noted|notes|stated|warned|warns|announced|announces|told|tells|reported|explained|insisted|argued|claimed|declared|went on to say|noting|stressing|saying';

const PRONOUNS = new Set(['he', 'she', 'they']);
const ROLES = new Set([
  'minister',
  'speaker',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'official',
  'officials',
  'president',
  'ministry',
  'agency',
  'commander',
  'chief',
  'ambassador',
  'envoy',
  'source',
  'sources',
  'dm',
  'chancellor',
  'premier',
  'king',
  'queen',
  'mayor',
  'governor',
  'prosecutor',
  'police',
  'witness',
  'witnesses',
  'analyst',
  'analysts',
  'diplomat',
  'diplomats',
  'lawmaker',
  'leader',
  'secretary',
  'chairman',
  'director',
  'researchers',
  'statement',
]);
const DETERMINERS = new Set(['the', 'a', 'an']);
const INTRO = /^(?:on|in|at|after|during|before|for|earlier|later|meanwhile|speaking|having|however|also)\b/i;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’\u2010-\u2013-]*/uy;
const SPACE = /[ \t\u00a0]*/y;

export interface Phrase {
  start: number;
  end: number;
}

const capitalised = (w: string) => /^\p{Lu}/u.test(w);
const possessive = (w: string) => /['’]s?$/.test(w);

/** Words from `from`, separated only by spaces, up to `limit` (a sentence's end). */
function wordsFrom(text: string, from: number, limit: number, max = 9): { start: number; end: number; word: string }[] {
  const words: { start: number; end: number; word: string }[] = [];
  let at = from;
  while (words.length < max) {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    WORD.lastIndex = SPACE.lastIndex;
    const m = WORD.exec(text);
    if (!m || m.index + m[0].length > limit) break;
    words.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
    at = m.index + m[0].length;
  }
  return words;
}

/**
 * The speaker phrase starting at `from` (after spaces), or null. It must be
 * followed by `stop` (a speech verb, a comma…) when given, so it ends where
 * the pattern needs it to.
 */
export function speakerAt(text: string, from: number, limit: number): Phrase | null {
  const words = wordsFrom(text, from, limit);
  if (words.length === 0) return null;
  const first = words[0]!;
  if (PRONOUNS.has(first.word.toLowerCase())) return { start: first.start, end: first.end };
  let i = DETERMINERS.has(first.word.toLowerCase()) ? 1 : 0;
  // Capitalised words and a description's lower-case words up to its role: "Iraqi defense minister".
  const taken: typeof words = [];
  let pending: typeof words = [];
  for (; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.word.toLowerCase();
    if (ROLES.has(lower) && !capitalised(w.word)) {
      taken.push(...pending, w);
      pending = [];
      break;
    }
    if (capitalised(w.word) || /^(?:al|el)[-\u2010-\u2013]/.test(lower)) {
      if (pending.length > 0) break;
      taken.push(w);
    } else if (/^\p{Ll}+$/u.test(w.word) && pending.length < 3) pending.push(w);
    else break;
  }
  if (taken.length === 0) return null;
  // A name after titles: "Brigadier General Hossein Dehqan" → "Hossein Dehqan".
  // A description ("Iraqi defense minister", "Defense Ministry") keeps its words.
  const head = taken[taken.length - 1]!.word;
  let lastTitle = -1;
  if (!ROLES.has(head.toLowerCase()) && !isTitle(head))
    taken.forEach((w, k) => {
      if ((isTitle(w.word) || ROLES.has(w.word.toLowerCase())) && k < taken.length - 1) lastTitle = k;
    });
  let kept = taken.slice(lastTitle + 1);
  const owner = kept.findIndex((w) => possessive(w.word));
  if (owner >= 0 && owner < kept.length - 1) kept = kept.slice(owner + 1);
  const last = kept[kept.length - 1]!;
  if (possessive(last.word)) return null;
  return { start: kept[0]!.start, end: last.end };
}

/** The speaker phrase ending just before `end` (spaces aside), found from the clause start before it. */
export function speakerBefore(text: string, end: number, clauseStart: number): Phrase | null {
  const before = text.slice(clauseStart, end);
  // Try each comma-separated piece, nearest first, skipping an insert like ", for his part,".
  // Cuts after commas, and after a dateline's dash or parenthesis ("BERLIN (Reuters) - German Chancellor …").
  const cuts = [
    clauseStart,
    ...[...before.matchAll(/(?:,|\)|(?<=\s)[-–—])\s*/g)].map((m) => clauseStart + m.index + m[0].length),
  ];
  for (let k = cuts.length - 1; k >= Math.max(0, cuts.length - 3); k--) {
    const phrase = speakerAt(text, cuts[k]!, end);
    if (!phrase) continue;
    const rest = text.slice(phrase.end, end);
    if (/^\s*$/.test(rest) || (k < cuts.length - 1 && /^\s*,[^,]*,\s*$/.test(rest))) return phrase;
  }
  return null;
}

/** The subject of a sentence: its first speaker phrase, after an opening "On Saturday," when there is one. */
export function sentenceSubject(text: string, start: number, end: number): Phrase | null {
  const direct = speakerAt(text, start, end);
  if (direct && !INTRO.test(text.slice(direct.start, direct.end))) return direct;
  const comma = text.indexOf(',', start);
  if (INTRO.test(text.slice(start, end).trimStart()) && comma > 0 && comma < end)
    return speakerAt(text, comma + 1, end);
  return null;
}
