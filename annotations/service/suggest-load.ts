import type * as Run from '../suggest/run';

/**
 * The recommenders, loaded on first use: the language model's lexicon takes
 * seconds to load, which every command and start-up would pay otherwise.
 */
let loading: Promise<typeof Run> | null = null;

export function loadRecommenders(): Promise<typeof Run> {
  loading ??= import('../suggest/run');
  return loading;
}
