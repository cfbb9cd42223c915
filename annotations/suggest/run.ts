import { FactmarkError } from '../errors';
import { issuesText } from '../schema-issues';
import { attributionRecommender } from './attribution';
import { gazetteerRecommender } from './gazetteer';
import { languageModelRecommender } from './language-model';
import { learnedRecommender } from './learned';
import type { Recommender, RecommenderContext, RecommenderId, SuggestRequestInput, Suggestion } from './recommender';
import { SuggestRequestSchema } from './recommender';

export const RECOMMENDERS: Readonly<Record<RecommenderId, Recommender>> = {
  gazetteer: gazetteerRecommender,
  learned: learnedRecommender,
  'language-model': languageModelRecommender,
  attribution: attributionRecommender,
};

/** Whether offset `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Merges what several recommenders proposed: one suggestion per kind and
 * span, the best scored, and said-by links moved to the speaker kept.
 */
export function mergeSuggestions(suggestions: readonly Suggestion[]): Suggestion[] {
  const best = new Map<string, Suggestion>();
  for (const s of suggestions) {
    const key = `${s.kind}:${s.start}:${s.end}`;
    const kept = best.get(key);
    if (!kept || s.score > kept.score) best.set(key, s);
  }
  const keptId = new Map<string, string>();
  for (const s of suggestions)
    if (s.kind === 'speaker') keptId.set(s.id, best.get(`${s.kind}:${s.start}:${s.end}`)!.id);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...best.values()]
    .map((s) => (s.saidBy === null ? s : { ...s, saidBy: keptId.get(s.saidBy) ?? s.saidBy }))
    .sort((a, b) => a.start - b.start || a.end - b.end || order(a.kind, b.kind) || order(a.id, b.id));
}

/**
 * Suggestions for one article: runs the enabled recommenders on it and
 * returns their proposals merged, each of a kind the tagset has, scored at
 * least `settings.minScore`, with exact offsets. Throws `invalid-argument`
 * when the request does not parse.
 */
export function suggest(input: SuggestRequestInput): Suggestion[] {
  const parsed = SuggestRequestSchema.safeParse(input);
  if (!parsed.success)
    throw new FactmarkError('invalid-argument', `Invalid suggestion request: ${issuesText(parsed.error.issues)}`);
  const { article, tagset, entities, examples, settings } = parsed.data;
  const kinds = new Set(
    tagset.kinds.map((k) => k.kind).filter((k) => settings.kinds === null || settings.kinds.includes(k)),
  );
  const context: RecommenderContext = { article, entities, examples, kinds };
  const text = article.text;
  const found = settings.recommenders.flatMap((id) => RECOMMENDERS[id].suggest(context));
  const valid = found.filter((s) => kept(s, text, kinds, settings.minScore));
  // A claim whose speaker fell below the score keeps no dangling link.
  const ids = new Set(valid.map((s) => s.id));
  return mergeSuggestions(valid.map((s) => (s.saidBy !== null && !ids.has(s.saidBy) ? { ...s, saidBy: null } : s)));
}

/** Whether a suggestion may be proposed: of an enabled kind, scored high enough, a non-empty span inside the text that splits no surrogate pair. */
export function kept(s: Suggestion, text: string, kinds: ReadonlySet<string>, minScore: number): boolean {
  return (
    kinds.has(s.kind) &&
    s.score >= minScore &&
    s.start < s.end &&
    s.end <= text.length &&
    !splitsPair(text, s.start) &&
    !splitsPair(text, s.end)
  );
}
