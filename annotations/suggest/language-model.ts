import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import { entitiesByName } from './entity-names';
import { isRoleWord, lexiconFinds } from './lexicon-finder';
import type { Recommender, RecommenderContext, Suggestion } from './recommender';
import { makeSuggestion } from './recommender';
import { isTitle } from './tokens';

/**
 * People, organisations, places and dates found by compromise, an NLP
 * library whose model (a lexicon and rules) ships in its npm package: it
 * runs offline and downloads nothing.
 */

nlp.plugin(datesPlugin);

interface Found {
  text: string;
  offset: { start: number; length: number };
}

/** What each kind is found by, and how sure a find of it is. */
const FINDERS: { kind: string; score: number; find: (doc: ReturnType<typeof nlp>) => Found[] }[] = [
  { kind: 'person', score: 0.7, find: (doc) => doc.people().json({ offset: true }) as Found[] },
  { kind: 'organisation', score: 0.6, find: (doc) => doc.organizations().json({ offset: true }) as Found[] },
  { kind: 'place', score: 0.7, find: (doc) => doc.places().json({ offset: true }) as Found[] },
  { kind: 'date', score: 0.7, find: (doc) => doc.match('#Date+').json({ offset: true }) as Found[] },
];

const LEADING_PREPOSITION = /^(?:on|in|at|by|during|since|until|from|over|the|this|last|next|a|an)\s+/i;

/**
 * The mention within what compromise returned: without the punctuation and
 * possessive it keeps ("Baghdad.", "Iran's"), a person without titles, a date
 * without its preposition ("on Tuesday" → "Tuesday").
 */
function clean(text: string, kind: string, start: number, end: number): { start: number; end: number } | null {
  for (;;) {
    const before = [start, end];
    const slice = text.slice(start, end);
    const tail = /(?:['’]s|['’]|[\s.,;:!?"”“)(\]-])$/u.exec(slice);
    if (tail) end -= tail[0].length;
    const head = /^[\s"“(‘'[]/.exec(slice);
    if (head) start += head[0].length;
    if (kind === 'date') {
      const prep = LEADING_PREPOSITION.exec(text.slice(start, end));
      if (prep && prep[0].length < end - start) start += prep[0].length;
    } else {
      // "northern city of Mosul" → "Mosul"; "Iran’ Defense Ministry" → "Defense Ministry"; "General Dehqan" → "Dehqan".
      const lead = /^(?:\p{Ll}[\p{L}-]*|\p{L}+['’]s?)\s+/u.exec(text.slice(start, end));
      if (lead) start += lead[0].length;
      const first = /^\S+\s+/.exec(text.slice(start, end));
      if (kind === 'person' && first && (isTitle(first[0].trim()) || isRoleWord(first[0].trim())))
        start += first[0].length;
    }
    if (before[0] === start && before[1] === end) break;
  }
  return end > start ? { start, end } : null;
}

/**
 * The mentions in one find: "Iran, Iraq" and "Tehran-Baghdad" name two places.
 * A name must hold a capital and, but for dates, end in one: "Iraqi
 * government" and "region" are not names, and neither is a lone title.
 */
function mentions(text: string, kind: string, start: number, end: number): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  const splitter = kind === 'date' ? /$^/g : /,\s+|\s+and\s+|(?<=\p{Lu}\p{L}{2,})-(?=\p{Lu})/gu;
  let from = start;
  for (const m of text.slice(start, end).matchAll(splitter)) {
    parts.push({ start: from, end: start + m.index });
    from = start + m.index + m[0].length;
  }
  parts.push({ start: from, end });
  return parts.flatMap((p) => {
    const span = clean(text, kind, p.start, p.end);
    if (!span) return [];
    const quote = text.slice(span.start, span.end);
    if (kind === 'date') return [span];
    const last = quote.split(/\s+/).pop()!;
    return /^\p{Lu}/u.test(last) && !isTitle(quote) ? [span] : [];
  });
}

/**
 * Texts longer than this (in UTF-16 code units, about 5,000 words) are read
 * with compromise's lexicon alone (lexicon-finder.ts): its tagger takes about
 * a second per 10,000 words.
 */
export const FULL_PARSE_LENGTH = 30_000;

/** How the text is read: the whole tagger, the lexicon alone, or the tagger unless the text is long. */
export type LanguageModelMode = 'auto' | 'tagger' | 'lexicon';

function taggerFinds(
  text: string,
  kinds: ReadonlySet<string>,
): { kind: string; start: number; end: number; score: number }[] {
  const doc = nlp(text);
  return FINDERS.filter((f) => kinds.has(f.kind)).flatMap(({ kind, score, find }) =>
    find(doc).flatMap((found) => {
      const { start, length } = found.offset;
      // compromise counts in UTF-16 code units like the text; a find that does not line up is dropped.
      if (text.slice(start, start + length) !== found.text) return [];
      return mentions(text, kind, start, start + length).map((span) => ({ ...span, kind, score }));
    }),
  );
}

export function languageModelSuggestions(context: RecommenderContext, mode: LanguageModelMode = 'auto'): Suggestion[] {
  const { text } = context.article;
  if (!FINDERS.some((f) => context.kinds.has(f.kind)) || text.trim() === '') return [];
  const entityOf = entitiesByName(context.entities);
  const long = mode === 'lexicon' || (mode === 'auto' && text.length > FULL_PARSE_LENGTH);
  const finds = long ? lexiconFinds(text).filter((f) => context.kinds.has(f.kind)) : taggerFinds(text, context.kinds);
  return finds.map((f) =>
    makeSuggestion('language-model', text, f.kind, f.start, f.end, f.score, {
      entityId: f.kind === 'date' ? null : entityOf(text.slice(f.start, f.end)),
    }),
  );
}

export const languageModelRecommender: Recommender = {
  id: 'language-model',
  description: 'People, organisations, places and dates found by an offline language model (compromise)',
  kinds: ['person', 'organisation', 'place', 'date'],
  suggest: languageModelSuggestions,
};
