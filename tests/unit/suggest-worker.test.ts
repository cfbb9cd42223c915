import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers, SuggestionEvaluation, SuggestionList } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { addSampleCorpus } from '../../annotations/node/sample-corpus';
import { createSuggestWorkerPool } from '../../annotations/node/suggest-worker-pool';
import { createHandlers } from '../../annotations/service';
import { RECOMMENDER_IDS } from '../../annotations/suggest/recommender';
import { useStoreOpener } from '../support/open-store';
import { makeTempDir } from '../support/temp-dir';

const SAMPLE = 'annotations/sample-corpus';
const ARTICLES = ['000_0032acaf3c30b9bc', '001_3eea3b6f31cb041f', '002_7feab6871f0e57f9', '003_868bd8ac9b581218'];

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());
const openStore = useStoreOpener();

async function call<T>(handlers: Handlers, name: string, args: object): Promise<T> {
  const envelope = await dispatch(handlers, name, args);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Tags every occurrence of `quote` in an article as `kind`. */
async function tagAll(handlers: Handlers, articleId: string, quote: string, kind: string) {
  const { text } = await call<{ text: string }>(handlers, 'articles/get', { articleId });
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1))
    await call(handlers, 'annotations/create', { articleId, kind, start: at, end: at + quote.length, quote });
}

/** The sample corpus with every recommender on and a few phrases tagged, for the learned one to learn from. */
async function sampleStore() {
  const repo = await openStore(join(temp.dir, 'store'));
  await addSampleCorpus(repo, SAMPLE);
  const here = createHandlers(repo, { annotator: 'alice', annotatorGiven: true });
  await call(here, 'suggestions/configure', { recommenders: [...RECOMMENDER_IDS] });
  await call(here, 'entities/create', {
    name: 'Hossein Dehqan',
    type: 'person',
    aliases: ['Dehqan', 'General Dehqan'],
  });
  await tagAll(here, ARTICLES[0]!, 'al-Obeidi', 'person');
  await tagAll(here, ARTICLES[1]!, 'Iran', 'place');
  return repo;
}

describe('suggestions in a worker thread', () => {
  it('answers every list and the evaluation as this thread does, for all four recommenders, lists asked at once included', async () => {
    const repo = await sampleStore();
    const events: string[] = [];
    const pool = createSuggestWorkerPool(undefined, (event) => events.push(event));
    try {
      const here = createHandlers(repo, { annotator: 'alice', annotatorGiven: true });
      const there = createHandlers(repo, { annotator: 'alice', annotatorGiven: true, suggestRunner: pool });

      const expected = new Map<string, SuggestionList>();
      for (const articleId of ARTICLES)
        expected.set(articleId, await call<SuggestionList>(here, 'suggestions/list', { articleId }));
      const proposedBy = new Set([...expected.values()].flatMap((l) => l.suggestions.map((s) => s.recommender)));
      expect([...proposedBy].sort()).toEqual([...RECOMMENDER_IDS].sort());

      // All at once: each answer is its own article's.
      const lists = await Promise.all(
        ARTICLES.map((articleId) => call<SuggestionList>(there, 'suggestions/list', { articleId })),
      );
      lists.forEach((list, i) => expect(list).toEqual(expected.get(ARTICLES[i]!)));
      // Again, one by one (the examples held in the worker by then).
      for (const articleId of ARTICLES)
        expect(await call<SuggestionList>(there, 'suggestions/list', { articleId })).toEqual(expected.get(articleId));

      for (const reference of ['alice', 'gold'])
        expect(await call<SuggestionEvaluation>(there, 'suggestions/evaluate', { reference })).toEqual(
          await call<SuggestionEvaluation>(here, 'suggestions/evaluate', { reference }),
        );
      expect(events[0]).toMatch(/^started .*suggest-worker\.ts$/);
      expect(events.filter((e) => e.startsWith('suggested for')).length).toBeGreaterThanOrEqual(ARTICLES.length);
      expect(events.some((e) => e.includes('this thread'))).toBe(false);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('runs on this thread, to the same answers, where no worker can start', async () => {
    const repo = await sampleStore();
    const events: string[] = [];
    const pool = createSuggestWorkerPool({ file: '/nonexistent/suggest-worker.mjs', source: false }, (event) =>
      events.push(event),
    );
    try {
      const here = createHandlers(repo, { annotator: 'alice', annotatorGiven: true });
      const there = createHandlers(repo, { annotator: 'alice', annotatorGiven: true, suggestRunner: pool });
      const articleId = ARTICLES[2]!;
      expect(await call<SuggestionList>(there, 'suggestions/list', { articleId })).toEqual(
        await call<SuggestionList>(here, 'suggestions/list', { articleId }),
      );
      expect(events.some((e) => e.startsWith('suggesting on this thread'))).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('answers a list still computing when the store closes with an error, never leaving it waiting', async () => {
    const repo = await sampleStore();
    const pool = createSuggestWorkerPool();
    const { tagset } = repo.readProject();
    const settings = { recommenders: [...RECOMMENDER_IDS], kinds: null, minScore: 0 };
    const article = { id: 'a', text: 'The minister said on Monday that talks would resume.' };
    const running = pool.run({
      key: '',
      examples: [],
      requests: [{ request: { article, tagset, entities: [], settings }, learn: false }],
    });
    const outcome = expect(running).rejects.toThrow(/stopped: the store was closed/);
    await pool.close();
    await outcome;
  });
});
