import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementConfig, AgreementArticle } from '../../annotations/agreement/figure-types';
import type { AgreementDashboard, Handlers } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import type { AgreementMeasurer } from '../../annotations/service/agreement-measure';
import { inProcessMeasurer } from '../../annotations/service/agreement-measure';
import { createHandlers } from '../../annotations/service/index';
import { useStoreOpener } from '../support/open-store';
import { testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let cleanup: () => Promise<void>;
let repo: LowdbRepository;
const openStore = useStoreOpener();

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await makeTempDir());
  repo = await openStore(dir);
  await repo.addArticles(await Promise.all(['a1', 'a2', 'a3', 'a4'].map((id) => testArticle(id))));
});
afterEach(() => cleanup());

async function call<T>(handlers: Handlers, name: string, args: unknown): Promise<T> {
  const envelope = await dispatch(handlers, name, args);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Marks a claim in `annotator`'s layer, through a handler table of their own, as their app would. */
const claim = (annotator: string, articleId: string, start: number, end: number) =>
  call(createHandlers(repo, { annotator, annotatorGiven: true }), 'annotations/create', {
    articleId,
    kind: 'claim',
    start,
    end,
    quote: `Headline ${articleId}\n\nIran and Iraq met.`.slice(start, end),
  });

/** Measures on this thread, noting the articles it was given. */
function noting(): AgreementMeasurer & { measured: string[] } {
  const measured: string[] = [];
  return {
    measured,
    measure: (config: AgreementConfig, articles: AgreementArticle[]) => {
      measured.push(...articles.map((a) => a.id));
      return inProcessMeasurer.measure(config, articles);
    },
  };
}

describe('the agreement report over a changing store', () => {
  it('measures again only the articles whose layers changed, and gives what a fresh report gives', async () => {
    for (const id of ['a1', 'a2', 'a3']) {
      await claim('alice', id, 0, 8);
      await claim('bob', id, 0, id === 'a3' ? 7 : 8);
    }
    await claim('dan', 'a4', 0, 8);
    const measurer = noting();
    const handlers = createHandlers(repo, { annotator: 'lena', annotatorGiven: true, agreementMeasurer: measurer });
    const report = () => call<AgreementDashboard>(handlers, 'agreement/report', {});
    const fresh = () =>
      call<AgreementDashboard>(
        createHandlers(repo, { annotator: 'lena', annotatorGiven: true }),
        'agreement/report',
        {},
      );

    const first = await report();
    // dan's layer meets no other on a4: only its length counts, and its text is never read.
    expect(measurer.measured.sort()).toEqual(['a1', 'a2', 'a3']);
    expect(first.agreement.measuredArticles).toEqual(['a1', 'a2', 'a3']);
    measurer.measured.length = 0;
    expect(await report()).toEqual(first);
    expect(measurer.measured).toEqual([]);

    await claim('bob', 'a2', 10, 14);
    const second = await report();
    expect(measurer.measured).toEqual(['a2']);
    expect(second).toEqual(await fresh());
    expect(second.agreement.corpus.spans[0]!.strict.overall.fp).toBe(
      first.agreement.corpus.spans[0]!.strict.overall.fp + 1,
    );

    // Measuring other layers is another configuration: measured anew, and the first one is still kept.
    measurer.measured.length = 0;
    await call(handlers, 'agreement/report', { annotators: ['alice', 'dan'] });
    expect(measurer.measured).toEqual([]);
    await call(handlers, 'agreement/report', { annotators: ['bob', 'alice'] });
    expect(measurer.measured.sort()).toEqual(['a1', 'a2', 'a3']);
    measurer.measured.length = 0;
    await report();
    expect(measurer.measured).toEqual([]);
  });

  it('gives one article’s figures on demand, the same as a report over that article alone', async () => {
    await claim('alice', 'a1', 0, 8);
    await claim('bob', 'a1', 0, 12);
    const handlers = createHandlers(repo, { annotator: 'lena', annotatorGiven: true });
    const annotators = ['alice', 'bob'];
    const alone = await call<AgreementDashboard>(handlers, 'agreement/report', { annotators, articleIds: ['a1'] });
    const article = await call<object>(handlers, 'agreement/article', { articleId: 'a1', annotators });
    expect(article).toEqual({ id: 'a1', ...alone.agreement.corpus });
  });

  it('tells its progress by job id, and stops when cancelled, answering null', async () => {
    await claim('alice', 'a1', 0, 8);
    await claim('bob', 'a1', 0, 12);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const measurer: AgreementMeasurer = {
      measure: async (config, articles) => {
        started = true;
        await gate;
        return inProcessMeasurer.measure(config, articles);
      },
    };
    const handlers = createHandlers(repo, { annotator: 'lena', annotatorGiven: true, agreementMeasurer: measurer });
    const running = dispatch(handlers, 'agreement/report', { jobId: 'job-1' });
    while (!started) await new Promise((resolve) => setTimeout(resolve, 5));
    // Other operations answer meanwhile.
    expect(await call(handlers, 'articles/list', {})).toHaveLength(4);
    expect(await call(handlers, 'jobs/progress', { jobId: 'job-1' })).toEqual({ done: 1, total: 2 });
    expect(await call(handlers, 'jobs/cancel', { jobId: 'job-1' })).toBe(true);
    release();
    expect(await running).toEqual({ ok: true, result: null });
    expect(await call(handlers, 'jobs/progress', { jobId: 'job-1' })).toBeNull();
    expect(await call(handlers, 'jobs/cancel', { jobId: 'job-1' })).toBe(false);
  });
});
