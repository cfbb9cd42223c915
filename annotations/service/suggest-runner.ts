import type { ExampleArticle, Suggestion, SuggestRequest } from '../suggest/recommender';
import type { LearnedState } from './suggest-learned';
import { suggestWithKeptIndex } from './suggest-learned';

/** One article's request without the examples: those come once per batch. */
export type ArticleRequest = Omit<SuggestRequest, 'examples'>;

/**
 * Several articles' suggestions, asked at once: each request learns from
 * `examples` when `learn` is set, from none otherwise. `key` names the
 * examples (the same key, the same examples), so whoever runs the batch keeps
 * the index it built from them without comparing them again.
 */
export interface SuggestBatch {
  key: string;
  examples: ExampleArticle[];
  requests: { request: ArticleRequest; learn: boolean }[];
}

/** Runs the recommenders: on this thread, or in a worker (annotations/node/suggest-worker-pool.ts). */
export interface SuggestRunner {
  run(batch: SuggestBatch): Promise<Suggestion[][]>;
}

/** The recommenders on this thread, the learned index kept in `state`. */
export function inThreadRunner(state: LearnedState): SuggestRunner {
  return {
    async run({ examples, requests }) {
      const results: Suggestion[][] = [];
      for (const { request, learn } of requests)
        results.push(await suggestWithKeptIndex(state, { ...request, examples: learn ? examples : [] }));
      return results;
    },
  };
}

/** Each example object's number, while it lives: the examples suggest-examples keeps keep their number. */
const numbers = new WeakMap<ExampleArticle, number>();
let nextNumber = 0;

/** A name for this list of examples: the same objects in the same order give the same name. */
export function examplesKey(examples: readonly ExampleArticle[]): string {
  return examples
    .map((example) => {
      let n = numbers.get(example);
      if (n === undefined) numbers.set(example, (n = nextNumber++));
      return n.toString(36);
    })
    .join(',');
}

/** One article's answer kept on the thread that asks: what it was made from, compared by identity. */
interface KeptAnswer {
  inputs: unknown[];
  suggestions: Suggestion[];
}

const KEPT_ANSWERS = 4;

/**
 * One article's suggestions through `runner`, the last few answers kept
 * here, so an accept or reject right after a list asks the worker nothing.
 */
export async function suggestThrough(
  runner: SuggestRunner,
  kept: KeptAnswer[],
  request: SuggestRequest,
): Promise<Suggestion[]> {
  const { examples, ...rest } = request;
  const learn = request.settings.recommenders.includes('learned');
  const key = learn ? examplesKey(examples) : '';
  // The text, tagset and registry are the same objects the store holds until they change.
  const inputs = [rest.article.id, rest.article.text, JSON.stringify(rest.settings), rest.tagset, rest.entities, key];
  const hit = kept.find((k) => k.inputs.every((x, i) => x === inputs[i]));
  if (hit) return hit.suggestions;
  const [suggestions] = await runner.run({
    key,
    examples: learn ? examples : [],
    requests: [{ request: rest, learn }],
  });
  kept.unshift({ inputs, suggestions: suggestions! });
  kept.length = Math.min(kept.length, KEPT_ANSWERS);
  return suggestions!;
}

/** The answers kept for one service's suggestions (its example state), made on first use. */
const answers = new WeakMap<object, KeptAnswer[]>();

export function keptAnswers(owner: object): KeptAnswer[] {
  let kept = answers.get(owner);
  if (!kept) answers.set(owner, (kept = []));
  return kept;
}
