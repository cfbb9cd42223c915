import nlp from 'compromise';
import type { Phrase } from './speech-phrases';
import type { Token } from './tokens';
import { isTitle, joinable, tokensOf } from './tokens';

/**
 * A one-pass finder of people, organisations, places and dates that reads
 * compromise's own model (its lexicon and its organisation and place words)
 * without running its tagger, which takes seconds on a long text. The
 * language model uses it for texts too long to tag whole.
 */

interface Model {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
}
const model = nlp.model() as unknown as Model;

const NO_TAGS: readonly string[] = [];

function tags(key: string): readonly string[] {
  const t = model.one.lexicon[key];
  return t === undefined ? NO_TAGS : typeof t === 'string' ? [t] : t;
}

function has(key: string, wanted: ReadonlySet<string>): boolean {
  const t = model.one.lexicon[key];
  if (t === undefined) return false;
  return typeof t === 'string' ? wanted.has(t) : t.some((x) => wanted.has(x));
}

const PLACE = new Set(['Country', 'City', 'Place', 'Region']);
const NAME = new Set(['MaleName', 'FemaleName', 'FirstName', 'LastName', 'Person']);
/** Words that may start a sentence but name nothing: "The", "He", "Earlier", "Fighting". */
const COMMON = [
  'Determiner',
  'Pronoun',
  'Preposition',
  'Conjunction',
  'Adverb',
  'Adjective',
  'Gerund',
  'Superlative',
  'Comparative',
  'PresentTense',
  'PastTense',
  'Infinitive',
  'Modal',
  'QuestionWord',
  'Plural',
  'Singular',
];
const COMMON_OR_DEMONYM = new Set([...COMMON, 'Demonym']);
const PLACE_OR_NAME = new Set([...PLACE, ...NAME]);
const DATE_WORD = new Set(['WeekDay', 'Month', 'Date']);
const WEEKDAY = new Set(['WeekDay']);
const MONTH = new Set(['Month']);
const ROLE = new Set(['Actor', 'Honorific']);
const ORGANISATION = new Set(['Organization']);
const DAY_PART = new Set(['morning', 'afternoon', 'evening', 'night']);

export interface Found extends Phrase {
  kind: 'person' | 'organisation' | 'place' | 'date';
  score: number;
}

/** Whether a word starts with a capital; ASCII letters without a regular expression, as this runs for every word. */
function upper(text: string, t: Token): boolean {
  const c = text.charCodeAt(t.start);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(text.slice(t.start, t.start + 2));
}
const isArticle = (t: Token) => t.key === 'al' || t.key === 'el';

/** Runs of capitalised words joined as one name ("Khalid al-Obeidi"), split at hyphens between names ("Tehran-Baghdad"). */
function nameRuns(text: string, tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = run[run.length - 1];
    const article = isArticle(t) && tokens[i + 1] !== undefined && upper(text, tokens[i + 1]!);
    const hyphenBetweenNames = prev && !isArticle(prev) && /^[-\u2010-\u2013]$/.test(text.slice(prev.end, t.start));
    if ((upper(text, t) || article) && (!prev || (joinable(text, prev, t) && !hyphenBetweenNames))) run.push(t);
    else {
      if (run.length > 0) runs.push(run);
      run = upper(text, t) || article ? [t] : [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Whether compromise's lexicon knows a word as a role or honorific ("chancellor", "mr"). */
export function isRoleWord(word: string): boolean {
  return has(word.toLowerCase(), ROLE);
}

/** A capitalised title or role ("General", "Minister"), not "the" or "of", which name-match ignores too. */
const titleWord = (text: string, t: Token) =>
  upper(text, t) && (isTitle(text.slice(t.start, t.end)) || has(t.key, ROLE));

function classify(text: string, run: Token[], before: Token | undefined): Found | null {
  let words = run;
  while (words.length > 0 && has(words[0]!.key, COMMON_OR_DEMONYM) && !has(words[0]!.key, PLACE_OR_NAME))
    words = words.slice(1);
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  const span = { start: words[0]!.start, end: last.end };
  if (model.two.orgWords[last.key] && words.length > 1) return { ...span, kind: 'organisation', score: 0.6 };
  if (has(words.map((w) => w.key).join(' '), ORGANISATION)) return { ...span, kind: 'organisation', score: 0.6 };
  if (words.length === 1 && has(last.key, PLACE)) return { ...span, kind: 'place', score: 0.7 };
  if (words.length > 1 && model.two.placeWords[last.key]) return { ...span, kind: 'place', score: 0.6 };
  const quote = text.slice(span.start, span.end);
  if (words.length === 1 && /^\p{Lu}{2,5}$/u.test(quote) && tags(last.key).length === 0)
    return { ...span, kind: 'organisation', score: 0.5 };
  // Titles and roles before a name say who, not which name: "Defense Minister Brigadier General Hossein Dehqan".
  let first = 0;
  for (let k = 0; k < words.length - 1; k++) if (titleWord(text, words[k]!)) first = k + 1;
  const titled = first > 0 || (before !== undefined && titleWord(text, before));
  const name = words.slice(first);
  const unknownOrName = name.every((w) => isArticle(w) || tags(w.key).length === 0 || has(w.key, NAME));
  if (has(name[0]!.key, NAME) || (titled && unknownOrName))
    return { start: name[0]!.start, end: last.end, kind: 'person', score: 0.6 };
  return null;
}

/** Day names, months and "today": "Monday morning", "July 23, 2017". */
function dates(text: string, tokens: readonly Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!has(t.key, DATE_WORD)) continue;
    let end = t;
    const next = tokens[i + 1];
    if (next && joinable(text, t, next) && has(t.key, WEEKDAY) && DAY_PART.has(next.key)) end = tokens[++i]!;
    else if (next && has(t.key, MONTH) && /^\d{1,2}$/.test(next.key) && joinable(text, t, next)) {
      end = tokens[++i]!;
      const year = tokens[i + 1];
      if (year && /^\d{4}$/.test(year.key) && /^,? $/.test(text.slice(end.end, year.start))) end = tokens[++i]!;
    }
    // "may" and "march" are dates only with a capital.
    if (has(t.key, MONTH) && !upper(text, t) && end === t) continue;
    found.push({ start: t.start, end: end.end, kind: 'date', score: 0.6 });
  }
  return found;
}

export function lexiconFinds(text: string): Found[] {
  const tokens = tokensOf(text);
  const found: Found[] = dates(text, tokens);
  // A name run that holds a date ("Monday Morning") is left to the date.
  const dated = new Set<number>();
  for (const d of found) dated.add(d.start).add(d.end);
  let at = 0;
  for (const run of nameRuns(text, tokens)) {
    while (tokens[at] !== run[0]) at++;
    const f = classify(text, run, tokens[at - 1]);
    if (f && !run.some((t) => dated.has(t.start) || dated.has(t.end))) found.push(f);
  }
  return found.sort((a, b) => a.start - b.start);
}
