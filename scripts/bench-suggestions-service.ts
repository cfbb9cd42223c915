// Suggestions through the service as the app asks for them (createHandlers
// over the lowdb store): a store of 1,000 annotated articles of 500 words,
// whose layers the learned recommender learns from, and one article of
// 100,000 words. Times suggestions/list on a short article the first time
// in a session (the corpus read), again (nothing read), and on the long
// article (target < 1 s) and again, suggestions/accept of 20 suggestions
// there, a list on another article after it (its index built anew), and
// each recommender's figures against the gold layer of 500 articles; then,
// in a new session, how long a page of the article list waits while the long
// article's suggestions are computed (the worker's point: the thread that
// answers requests only reads the store meanwhile). The recommenders run in
// the app's worker (dist/suggest-worker.mjs when built), or on the thread
// that answers with `inThread` (as before the worker, for comparison).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Handlers, SuggestionChanges, SuggestionEvaluation, SuggestionList } from '../annotations/contract';
import { dispatch } from '../annotations/dispatch';
import type { Annotation, Entity } from '../annotations/model';
import { GOLD } from '../annotations/model';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import type { SuggestWorkerPool } from '../annotations/node/suggest-worker-pool';
import { createSuggestWorkerPool } from '../annotations/node/suggest-worker-pool';
import { createHandlers } from '../annotations/service';
import { createLearnedState } from '../annotations/service/suggest-learned';
import { suggestSettingsOf } from '../annotations/service/suggest-proposals';
import type { SuggestRunner } from '../annotations/service/suggest-runner';
import { inThreadRunner } from '../annotations/service/suggest-runner';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';

const SECTION = 'Suggestions in the app, 1,000 annotated articles';
const ARTICLES = 1000;
const LONG = 'long';

const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

const layer = (annotations: readonly Annotation[], annotator: string) =>
  annotations.map((a, i) => ({ ...a, id: `${annotator}-${i}`, annotator }));

/** 1,000 articles, each with alice's layer and every other one with gold; the long article unannotated. */
async function buildStore(dir: string): Promise<void> {
  const repo = await openLowdbRepository(dir, { indexInBackground: false });
  try {
    const stamp = new Date().toISOString();
    const entities: Entity[] = ['Iran', 'Iraq', 'Tehran', 'Baghdad'].map((name) => ({
      id: name.toLowerCase(),
      name,
      type: 'place',
      aliases: [],
      externalId: null,
      createdAt: stamp,
      updatedAt: stamp,
    }));
    await repo.updateProject((p) => ({ ...p, entities }));
    for (let from = 0; from < ARTICLES; from += 100) {
      const articles = await Promise.all(
        Array.from({ length: 100 }, (_, k) => syntheticArticle(`a${from + k}`, 500, from + k + 1)),
      );
      await repo.addArticles(articles);
      await repo.transact(async (tx) => {
        for (const [k, article] of articles.entries()) {
          const base = syntheticAnnotations(article, 40);
          await tx.putAnnotations(article.id, [
            ...layer(base, 'alice'),
            ...((from + k) % 2 === 0 ? layer(base, GOLD) : []),
          ]);
        }
      });
    }
    await repo.addArticle(await syntheticArticle(LONG, 100_000, 7));
  } finally {
    await repo.close();
  }
}

/** The app's worker: the built one when there is one, else its source through tsx. */
function newPool(): SuggestWorkerPool {
  const built = join(process.cwd(), 'dist', 'suggest-worker.mjs');
  return createSuggestWorkerPool(existsSync(built) ? { file: built, source: false } : undefined, (event) => {
    if (event.includes('this thread')) console.log(`suggestions: ${event}`);
  });
}

/**
 * How long a page of the article list waits while the long article's
 * suggestions are computed, asked 20 ms after the last one answered while
 * `session` lists them (a new session: the corpus read first): the longest
 * wait of those asked while `runner` computed, and the longest over the
 * whole list (the corpus read, on the thread that answers, included).
 */
async function smallRequestWait(
  session: (runner: SuggestRunner) => Handlers,
  runner: SuggestRunner,
): Promise<{ worst: number; worstOverall: number; asked: number; listMs: number }> {
  const computing = { from: Infinity, to: Infinity };
  const handlers = session({
    run: async (batch) => {
      computing.from = performance.now();
      try {
        return await runner.run(batch);
      } finally {
        computing.to = performance.now();
      }
    },
  });
  const t = performance.now();
  let done = false;
  const list = dispatch(handlers, 'suggestions/list', { articleId: LONG }).finally(() => (done = true));
  let worst = 0;
  let worstOverall = 0;
  let asked = 0;
  while (!done) {
    // Timed from when it is due, as a click is: a thread busy computing delays the asking as much as the answer.
    const due = performance.now() + 20;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const envelope = await dispatch(handlers, 'articles/page', { offset: 0, limit: 50 });
    if (!envelope.ok) throw new Error(`articles/page: ${envelope.error.message}`);
    const answered = performance.now();
    worstOverall = Math.max(worstOverall, answered - due);
    if (due < computing.to && answered > computing.from) worst = Math.max(worst, answered - due);
    asked++;
  }
  const envelope = await list;
  if (!envelope.ok) throw new Error(`suggestions/list: ${envelope.error.message}`);
  return { worst, worstOverall, asked, listMs: performance.now() - t };
}

export async function benchSuggestionsService(
  store?: string,
  { inThread = false }: { inThread?: boolean } = {},
): Promise<BenchRow[]> {
  const section = inThread ? `${SECTION}, on the thread that answers` : SECTION;
  const reuse = store !== undefined && existsSync(join(store, 'index.json'));
  const dir = store ?? (await mkdtemp(join(tmpdir(), 'factmark-bench-suggestions-')));
  try {
    if (!reuse) {
      const t = performance.now();
      await buildStore(dir);
      console.log(
        `suggestions: store of ${ARTICLES} annotated articles and one of 100,000 words built in ${seconds(t)} s`,
      );
    }
    const repo = await openLowdbRepository(dir, { indexInBackground: false });
    try {
      const pool = inThread ? undefined : newPool();
      const session = (suggestRunner: SuggestRunner | undefined = pool) =>
        createHandlers(repo, { annotator: 'alice', annotatorGiven: true, suggestRunner });
      const handlers = session();
      const call = async <T>(name: string, args: object) => {
        const t = performance.now();
        const envelope = await dispatch(handlers, name, args);
        if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
        return { ms: performance.now() - t, result: envelope.result as T };
      };
      // The language model's lexicon loads once per process: apart from what a list costs.
      const load = performance.now();
      await import('../annotations/suggest/run');
      // And in the worker: a short text's suggestions there load it.
      const { tagset } = repo.readProject();
      const settings = suggestSettingsOf(repo.readProject());
      const article = { id: 'warm-up', text: 'The minister said on Monday that talks would resume.' };
      await pool?.run({
        key: '',
        examples: [],
        requests: [{ request: { article, tagset, entities: [], settings }, learn: false }],
      });
      console.log(`suggestions: recommenders loaded in ${(performance.now() - load).toFixed(0)} ms`);

      const first = await call<SuggestionList>('suggestions/list', { articleId: 'a1' });
      const again = await call<SuggestionList>('suggestions/list', { articleId: 'a3' });
      const long = await call<SuggestionList>('suggestions/list', { articleId: LONG });
      const longAgain = await call<SuggestionList>('suggestions/list', { articleId: LONG });
      // What the app holds of the long article, as it asks for it: every suggestion, then changes since.
      const held = await call<SuggestionChanges>('suggestions/changes', { articleId: LONG, since: null });
      const ids = long.result.suggestions.slice(0, 20).map((s) => s.id);
      const accept = await call('suggestions/accept', { articleId: LONG, suggestionIds: ids });
      const changed = await call<SuggestionChanges>('suggestions/changes', {
        articleId: LONG,
        since: held.result.version,
      });
      const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
      const [wholeBytes, changedBytes] = [bytes(long.result), bytes(changed.result)];
      const after = await call<SuggestionList>('suggestions/list', { articleId: 'a5' });
      console.log(
        `suggestions: list first ${first.ms.toFixed(0)} ms (${first.result.suggestions.length}), again ${again.ms.toFixed(0)} ms, ` +
          `long article ${long.ms.toFixed(0)} ms then ${longAgain.ms.toFixed(0)} ms (${long.result.suggestions.length}), ` +
          `accept 20 ${accept.ms.toFixed(0)} ms, list after it ${after.ms.toFixed(0)} ms`,
      );
      console.log(
        `suggestions: the long article's changes after the accept ${changed.ms.toFixed(0)} ms, ` +
          `${changed.result.gone.length} gone and ${changed.result.came.length} came: ` +
          `${(changedBytes / 1024).toFixed(1)} KiB against ${(wholeBytes / 1024).toFixed(0)} KiB for the whole list`,
      );
      const evaluation = await call<SuggestionEvaluation>('suggestions/evaluate', {});
      const learned = evaluation.result.recommenders.find((r) => r.recommender === 'learned')!;
      console.log(
        `suggestions: evaluate against gold on ${evaluation.result.articles} articles ${(evaluation.ms / 1000).toFixed(1)} s ` +
          `(learned: precision ${learned.precision.toFixed(2)}, recall ${learned.recall.toFixed(2)})`,
      );
      // A new session (nothing kept): the long article listed while the article list is paged.
      const small = await smallRequestWait(session, pool ?? inThreadRunner(createLearnedState()));
      console.log(
        `suggestions: a page of the article list waited at most ${small.worst.toFixed(0)} ms while the long ` +
          `article's suggestions were computed, ${small.worstOverall.toFixed(0)} ms while it was listed in a new ` +
          `session (${small.asked} asked, the list ${small.listMs.toFixed(0)} ms)`,
      );
      await pool?.close();
      return [
        msRow(SECTION, 'list, first in a session (reads the corpus)', first.ms, 5000),
        msRow(SECTION, 'list, another article', again.ms, 1000),
        msRow(SECTION, 'list, 100,000-word article', long.ms, 1000),
        msRow(SECTION, 'list, 100,000-word article again', longAgain.ms, 1000),
        msRow(SECTION, 'accept 20 on the 100,000-word article', accept.ms, 1000),
        msRow(SECTION, 'list after an accept', after.ms, 1000),
        msRow(SECTION, 'changes since the list held, after the accept (100,000-word article)', changed.ms, 1000),
        {
          section: SECTION,
          measure: 'those changes, as sent (the whole list beside them)',
          figure: `${(changedBytes / 1024).toFixed(1)} KiB (${(wholeBytes / 1024).toFixed(0)} KiB)`,
          target: '< 64 KiB',
          met: changedBytes < 64 * 1024,
        },
        msRow(SECTION, 'evaluate against gold (500 articles)', evaluation.ms, 60_000),
        msRow(SECTION, "a small request answered while a long article's suggestions are computed", small.worst, 100),
      ].map((row) => ({ ...row, section }));
    } finally {
      await repo.close();
    }
  } finally {
    if (!store) await rm(dir, { recursive: true, force: true });
  }
}
