import type { ExampleArticle, ExampleSpan, Suggestion, SuggestRequest } from '../suggest/recommender';
import { createLearnedIndex, learnedSuggestions } from '../suggest/learned';
import type * as Run from '../suggest/run';
import { loadRecommenders } from './suggest-load';

/**
 * How much of the examples the learned recommender's index reads. Building
 * it reads every example text to count how often each tagged phrase occurs,
 * and it is built again for each article opened (an article is never an
 * example of itself): past the text budget an article lends its tagged
 * phrases alone (their quotes, so their scores come out a little high), and
 * past the span budget nothing more, so a corpus of any size costs about
 * the same.
 */
export const EXAMPLE_BUDGET = { text: 300_000, spans: 8_000 };

type LearnedIndex = ReturnType<typeof createLearnedIndex>;

/** One index kept: the examples it was built from (by identity), the article left out, the kinds. */
interface KeptIndex {
  examples: ExampleArticle[];
  kinds: string;
  index: LearnedIndex;
}

/** One article's suggestions kept: what they were made from, compared by identity. */
interface KeptResult {
  inputs: unknown[];
  suggestions: Suggestion[];
}

export interface LearnedState {
  kept: KeptIndex[];
  /** The last few answers, so an accept or reject right after a list does not run the recommenders again. */
  results: KeptResult[];
}

/** Indexes kept: the one without the article open, and the one with every article. */
const KEPT = 4;

export function createLearnedState(): LearnedState {
  return { kept: [], results: [] };
}

/** An example's tagged phrases alone, one a paragraph, with offsets into that shorter text. */
function phrasesOnly(example: ExampleArticle): ExampleArticle {
  let text = '';
  const annotations: ExampleSpan[] = [];
  for (const a of example.annotations) {
    if (text) text += '\n\n';
    const start = text.length;
    text += example.text.slice(a.start, a.end);
    annotations.push({ ...a, start, end: text.length });
  }
  return { text, annotations };
}

/** The examples as the index reads them: whole up to the text budget, phrases only after it, up to the span budget. */
export function withinBudget(examples: readonly ExampleArticle[], budget = EXAMPLE_BUDGET): ExampleArticle[] {
  let text = 0;
  let spans = 0;
  const kept: ExampleArticle[] = [];
  for (const example of examples) {
    spans += example.annotations.length;
    if (spans > budget.spans) break;
    text += example.text.length;
    kept.push(text <= budget.text ? example : phrasesOnly(example));
  }
  return kept;
}

const sameList = (a: readonly ExampleArticle[], b: readonly ExampleArticle[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The learned recommender's suggestions on `text`, from an index kept while
 * the examples are the same objects (suggest-examples keeps an article's
 * object while its spans stay the same), so an accept or reject on the open
 * article, which is no example of itself, rebuilds nothing.
 */
export function learnedWithKeptIndex(
  state: LearnedState,
  article: { id: string; text: string },
  examples: ExampleArticle[],
  kinds: ReadonlySet<string>,
): Suggestion[] {
  const key = kindsKey(kinds);
  let kept = state.kept.find((k) => k.kinds === key && sameList(k.examples, examples));
  if (!kept) {
    kept = { examples, kinds: key, index: createLearnedIndex(withinBudget(examples), kinds) };
    state.kept.unshift(kept);
    state.kept.length = Math.min(state.kept.length, KEPT);
  } else {
    state.kept = [kept, ...state.kept.filter((k) => k !== kept)];
  }
  return learnedSuggestions({ article, entities: [], examples: [], kinds }, kept.index);
}

/** The index `learnedWithKeptIndex` would use for these examples now, if one is kept. */
function keptIndexOf(state: LearnedState, examples: readonly ExampleArticle[], kinds: string): LearnedIndex | null {
  return state.kept.find((k) => k.kinds === kinds && sameList(k.examples, examples))?.index ?? null;
}

/**
 * What `suggest` (suggest/run.ts) gives for this request, the learned
 * recommender's index kept between calls: the other recommenders run as
 * `suggest` runs them, and the learned one's proposals pass the same checks
 * (kind enabled, score, offsets) before all are merged.
 */
export async function suggestWithKeptIndex(state: LearnedState, request: SuggestRequest): Promise<Suggestion[]> {
  const { suggest, mergeSuggestions, kept } = await loadRecommenders();
  const { article, tagset, entities, examples, settings } = request;
  const learned = settings.recommenders.includes('learned');
  // The text, tagset and registry are compared as the same objects the store holds until they change.
  const inputs = () => [
    article.id,
    article.text,
    JSON.stringify(settings),
    tagset,
    entities,
    learned ? keptIndexOf(state, examples, kindsKey(enabledKinds(request))) : 'no index',
  ];
  const now = inputs();
  const hit = now[5] !== null && state.results.find((r) => r.inputs.every((x, i) => x === now[i]));
  if (hit) return hit.suggestions;
  const suggestions = await suggestUncached(state, request, suggest, mergeSuggestions, kept);
  state.results.unshift({ inputs: inputs(), suggestions });
  state.results.length = Math.min(state.results.length, KEPT);
  return suggestions;
}

/** The kinds a request may propose: the tagset's, narrowed by the settings. */
function enabledKinds({ tagset, settings }: SuggestRequest): Set<string> {
  return new Set(tagset.kinds.map((k) => k.kind).filter((k) => settings.kinds === null || settings.kinds.includes(k)));
}

const kindsKey = (kinds: ReadonlySet<string>) => [...kinds].sort().join('\n');

async function suggestUncached(
  state: LearnedState,
  request: SuggestRequest,
  suggest: typeof Run.suggest,
  mergeSuggestions: typeof Run.mergeSuggestions,
  kept: typeof Run.kept,
): Promise<Suggestion[]> {
  const { article, examples, settings } = request;
  const others = settings.recommenders.filter((id) => id !== 'learned');
  const found =
    others.length > 0 ? suggest({ ...request, examples: [], settings: { ...settings, recommenders: others } }) : [];
  if (!settings.recommenders.includes('learned')) return found;
  const kinds = enabledKinds(request);
  const text = article.text;
  const learned = learnedWithKeptIndex(state, article, examples, kinds).filter((s) =>
    kept(s, text, kinds, settings.minScore),
  );
  return mergeSuggestions([...found, ...learned]);
}
