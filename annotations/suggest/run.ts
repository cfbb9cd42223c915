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

const splitsPair = (text: string, at: number) =>
  at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]!) && /[\uDC00-\uDFFF]/.test(text[at]!);

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
  const keptId = new Map(suggestions.map((s) => [s.id, best.get(`${s.kind}:${s.start}:${s.end}`)!.id]));
  return [...best.values()]
    .map((s) => (s.saidBy === null ? s : { ...s, saidBy: keptId.get(s.saidBy) ?? null }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
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
  const valid = found.filter(
    (s) =>
      kinds.has(s.kind) &&
      s.score >= settings.minScore &&
      s.start < s.end &&
      s.end <= text.length &&
      !splitsPair(text, s.start) &&
      !splitsPair(text, s.end),
  );
  // A claim whose speaker fell below the score keeps no dangling link.
  const ids = new Set(valid.map((s) => s.id));
  return mergeSuggestions(valid.map((s) => (s.saidBy !== null && !ids.has(s.saidBy) ? { ...s, saidBy: null } : s)));
}
