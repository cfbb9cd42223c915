import { parentPort } from 'node:worker_threads';
import type { ExampleArticle, Suggestion } from '../suggest/recommender';
import { createLearnedState } from '../service/suggest-learned';
import { loadRecommenders } from '../service/suggest-load';
import type { ArticleRequest } from '../service/suggest-runner';
import { inThreadRunner } from '../service/suggest-runner';

/**
 * A batch to run: `examples` are sent the first time their key is, and left
 * out after (null) while the worker still holds them.
 */
export interface SuggestWorkerRequest {
  id: number;
  key: string;
  examples: ExampleArticle[] | null;
  requests: { request: ArticleRequest; learn: boolean }[];
}
/** The suggestions, one list per request; or the examples were not held (send them); or why it failed. */
export type SuggestWorkerReply =
  { id: number; results: Suggestion[][] } | { id: number; missing: true } | { id: number; error: string };

/** Example lists held, by key: as many as indexes the learned recommender keeps, and one for a fold. */
export const HELD_EXAMPLES = 6;

// The suggestions worker: runs the recommenders for the batches it is sent, one at a time, off the
// thread that answers requests. It keeps the language model loaded and the learned recommender's
// indexes, each built from one held list of examples, so a second list of an article is cheap.
const state = createLearnedState();
const runner = inThreadRunner(state);
const held = new Map<string, ExampleArticle[]>();
// The lexicon takes seconds to load: it loads while the first batch is read and sent.
void loadRecommenders();

parentPort?.on('message', ({ id, key, examples, requests }: SuggestWorkerRequest) => {
  void (async (): Promise<SuggestWorkerReply> => {
    try {
      // The list held already, if any: its index was built from that very object.
      const list = held.get(key) ?? examples;
      if (!list) return { id, missing: true };
      // The list last used goes last; the one first in the map is let go first.
      held.delete(key);
      held.set(key, list);
      while (held.size > HELD_EXAMPLES) held.delete(held.keys().next().value!);
      return { id, results: await runner.run({ key, examples: list, requests }) };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  })().then((reply) => parentPort!.postMessage(reply));
});
