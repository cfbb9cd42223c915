import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementDashboard } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { createHandlers } from '../../annotations/service/index';
import { useStoreOpener } from '../support/open-store';
import { testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let repo: LowdbRepository;
const openStore = useStoreOpener();

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  repo = await openStore(dir);
  await repo.addArticles(await Promise.all(['a1', 'a2', 'a3'].map((id) => testArticle(id))));
});
afterEach(() => cleanup());

/** Calls an operation as `annotator`, as the transports do. */
async function as<T>(annotator: string, name: string, args: unknown): Promise<T> {
  const envelope = await dispatch(createHandlers(repo, { annotator, annotatorGiven: true }), name, args);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as T;
}

const claim = (annotator: string, articleId: string) =>
  as(annotator, 'annotations/create', { articleId, kind: 'claim', start: 0, end: 8, quote: 'Headline' });
const done = (annotator: string, articleId: string) => as(annotator, 'documentLabels/set', { articleId, done: true });
const report = (args: object = {}) => as<AgreementDashboard>('lena', 'agreement/report', args);

describe('progress against assignment', () => {
  it('counts per annotator the articles assigned and those of them marked done; absent for no assignment', async () => {
    await claim('alice', 'a1');
    await done('alice', 'a1');
    await done('alice', 'a2');
    await claim('bob', 'a2');
    await claim('dan', 'a3');
    await as('lena', 'team/assign', { annotator: 'alice', articleIds: ['a1', 'a3'], assigned: true });
    await as('lena', 'team/assign', { annotator: 'bob', articleIds: ['a1', 'a2'], assigned: true });
    await as('lena', 'team/assign', { annotator: 'carol', articleIds: ['a2'], assigned: true });

    const all = await report();
    expect(all.annotators).toEqual(['alice', 'bob', 'carol', 'dan']);
    expect(all.progress).toEqual([
      {
        annotator: 'alice',
        done: 2,
        annotated: 1,
        total: 3,
        spans: 1,
        fromSuggestions: 0,
        assigned: 2,
        assignedDone: 1,
      },
      { annotator: 'bob', done: 0, annotated: 1, total: 3, spans: 1, fromSuggestions: 0, assigned: 2, assignedDone: 0 },
      // Assigned, not started: a row all the same, and no layer to measure agreement on.
      {
        annotator: 'carol',
        done: 0,
        annotated: 0,
        total: 3,
        spans: 0,
        fromSuggestions: 0,
        assigned: 1,
        assignedDone: 0,
      },
      { annotator: 'dan', done: 0, annotated: 1, total: 3, spans: 1, fromSuggestions: 0 },
    ]);
    expect(all.distribution.carol).toEqual({});
    expect(all.agreement.annotators).not.toContain('carol');

    // Over some articles, the assignments among them only.
    const some = await report({ articleIds: ['a3'] });
    expect(some.progress).toEqual([
      {
        annotator: 'alice',
        done: 0,
        annotated: 0,
        total: 1,
        spans: 0,
        fromSuggestions: 0,
        assigned: 1,
        assignedDone: 0,
      },
      { annotator: 'dan', done: 0, annotated: 1, total: 1, spans: 1, fromSuggestions: 0 },
    ]);
  });

  it('leaves the figures as they were for a project without assignments', async () => {
    await claim('alice', 'a1');
    await as('lena', 'team/member', { name: 'bob', role: 'annotator' });
    expect((await report()).progress).toEqual([
      { annotator: 'alice', done: 0, annotated: 1, total: 3, spans: 1, fromSuggestions: 0 },
    ]);
  });
});
