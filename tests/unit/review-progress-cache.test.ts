import { rename, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationName } from '../../annotations/operation-names';
import type { Handlers, ReviewProgressRow } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { createHandlers } from '../../annotations/service';
import { referenceReviewProgress } from '../support/review-progress-reference';
import { STAMP, testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

const WHO = ['alice', 'bob', 'carol'] as const;
const WORDS = ['Iran', 'and', 'Iraq', 'met', 'Iran and', 'Iraq met'];
/** The layers compared: each article's own, and more sets than the rows keep states for. */
const CONFIGS: (string[] | undefined)[] = [
  undefined,
  ['alice', 'bob'],
  ['bob', 'alice'],
  ['alice', 'bob', 'carol'],
  ['alice', 'carol'],
];

type Step =
  | { t: 'annotate'; who: number; article: number; word: number; kind: 'claim' | 'event' }
  | { t: 'unannotate'; who: number; article: number }
  | { t: 'done'; who: number; article: number; done: boolean }
  | { t: 'decide'; article: number; pick: number; action: 'reject' | 'accept-all' }
  | { t: 'damage'; who: number; article: number }
  | { t: 'repair'; who: number; article: number }
  | { t: 'restore'; article: number }
  | { t: 'add' }
  | { t: 'reopen' };

const who = fc.nat({ max: WHO.length - 1 });
const article = fc.nat({ max: 9 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('annotate' as const),
      who,
      article,
      word: fc.nat({ max: WORDS.length - 1 }),
      kind: fc.constantFrom('claim' as const, 'event' as const),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ t: fc.constant('unannotate' as const), who, article }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('done' as const), who, article, done: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('decide' as const),
      article,
      pick: fc.nat(),
      action: fc.constantFrom('reject' as const, 'accept-all' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('damage' as const), who, article }), weight: 1 },
  // A file replaced by hand while the store is open: only its inode, size and time say so.
  { arbitrary: fc.record({ t: fc.constant('repair' as const), who, article }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('restore' as const), article }), weight: 1 },
  { arbitrary: fc.constant({ t: 'add' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'reopen' as const }), weight: 2 },
);

/** What a disk error or a careless editor leaves: bytes that are not JSON. */
const GARBAGE = '{"schemaVersion": 2, "annotations": [ truncated';

/** Replaces a file as an editor or git does: a new file renamed over the old one (a new inode). */
async function replaceFile(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(`${path}.new`, text);
  await rename(`${path}.new`, path);
}

/** One store and the handlers of its session (one cache), with each annotator's handlers for their edits. */
class Session {
  repo!: LowdbRepository;
  handlers!: Handlers;
  private editors = new Map<string, Handlers>();
  articles = 0;

  constructor(readonly dir: string) {}

  async open(): Promise<void> {
    this.repo = await openLowdbRepository(this.dir, { indexInBackground: false });
    this.handlers = createHandlers(this.repo, { annotator: 'lena', annotatorGiven: true });
    this.editors = new Map(
      WHO.map((name) => [name, createHandlers(this.repo, { annotator: name, annotatorGiven: true })]),
    );
  }

  async reopen(): Promise<void> {
    await this.repo.close();
    await this.open();
  }

  /** An operation's result, or null when it was refused (a damaged file, nothing to decide). */
  async call(handlers: Handlers, name: OperationName, args: unknown): Promise<unknown> {
    const envelope = await dispatch(handlers, name, args);
    return envelope.ok ? envelope.result : null;
  }

  id = (k: number) => `a${k % Math.max(1, this.articles)}`;
  layerFile = (k: number, name: string) => join(this.dir, 'layers', this.id(k), `${name}.json`);

  async add(): Promise<void> {
    await this.repo.addArticle(await testArticle(`a${this.articles}`));
    this.articles++;
  }

  async run(s: Step): Promise<void> {
    const editor = (k: number) => this.editors.get(WHO[k]!)!;
    switch (s.t) {
      case 'annotate': {
        const text = `Headline ${this.id(s.article)}\n\nIran and Iraq met.`;
        const quote = WORDS[s.word]!;
        const start = text.indexOf(quote);
        await this.call(editor(s.who), 'annotations/create', {
          articleId: this.id(s.article),
          kind: s.kind,
          start,
          end: start + quote.length,
          quote,
        });
        return;
      }
      case 'unannotate': {
        const layer = (await this.call(editor(s.who), 'annotations/list', { articleId: this.id(s.article) })) as {
          annotations: { id: string; annotator: string }[];
        } | null;
        const own = layer?.annotations.find((a) => a.annotator === WHO[s.who]);
        if (own) await this.call(editor(s.who), 'annotations/delete', { articleId: this.id(s.article), id: own.id });
        return;
      }
      case 'done':
        await this.call(editor(s.who), 'documentLabels/set', { articleId: this.id(s.article), done: s.done });
        return;
      case 'decide': {
        const annotators = ['alice', 'bob'];
        const articleId = this.id(s.article);
        const compared = (await this.call(this.handlers, 'review/compare', { articleId, annotators })) as {
          groups: { key: string }[];
        } | null;
        const group = compared?.groups[s.pick % Math.max(1, compared.groups.length)];
        if (group)
          await this.call(this.handlers, 'review/decide', { articleId, annotators, key: group.key, action: s.action });
        return;
      }
      case 'damage':
        // As a sync would: the store reads its files again afterwards.
        await this.repo.offline(() => replaceFile(this.layerFile(s.article, WHO[s.who]!), GARBAGE));
        return;
      case 'repair': {
        // By hand, while the store is open: a layer marked done, in place of whatever the file held.
        const articleId = this.id(s.article);
        const layer = {
          schemaVersion: 2,
          articleId,
          annotator: WHO[s.who],
          annotations: [],
          relations: [],
          documentLabels: [{ annotator: WHO[s.who], labels: {}, done: true, updatedAt: STAMP }],
        };
        await replaceFile(this.layerFile(s.article, WHO[s.who]!), JSON.stringify(layer, null, 2));
        return;
      }
      case 'restore':
        await this.call(this.handlers, 'store/restore', { articleId: this.id(s.article) });
        return;
      case 'add':
        return this.add();
      case 'reopen':
        return this.reopen();
    }
  }

  /** The session's reply to review/progress and the one read afresh by the code before the cache, as JSON text. */
  async both(annotators: string[] | undefined): Promise<[string, string]> {
    const args = annotators ? { annotators } : {};
    const cached = await dispatch(this.handlers, 'review/progress', args);
    // The layers read as the store reads them, but not kept: a file changed by hand later is read again.
    const fresh = await this.repo.snapshot((view) =>
      referenceReviewProgress(
        { ...view, readLayer: async (id) => (await this.repo.readUnkept!(id, false)).layer },
        annotators,
      ),
    );
    return [JSON.stringify(cached), JSON.stringify({ ok: true, result: fresh })];
  }

  /** review/summary (of every article, then of a few), and the same counted from rows read afresh, as JSON text. */
  async summaries(): Promise<[string, string][]> {
    const fresh = await this.repo.snapshot((view) =>
      referenceReviewProgress({ ...view, readLayer: async (id) => (await this.repo.readUnkept!(id, false)).layer }),
    );
    const pairs: [string, string][] = [];
    for (const articleIds of [undefined, ['a0', 'a2', 'gone']]) {
      const answer = await dispatch(this.handlers, 'review/summary', articleIds ? { articleIds } : {});
      pairs.push([JSON.stringify(answer), JSON.stringify({ ok: true, result: summaryOf(fresh, articleIds) })]);
    }
    return pairs;
  }
}

/** What the rows come to, counted as the export dialog counted them from the whole list. */
function summaryOf(rows: ReviewProgressRow[], articleIds: string[] | undefined) {
  const chosen = rows.filter((r) => !r.problem && (!articleIds || articleIds.includes(r.articleId)));
  const names = (of: ReviewProgressRow[]) => [...new Set(of.flatMap((r) => r.layers))].sort();
  return {
    annotators: names(rows).filter((name) => name !== 'gold'),
    articles: chosen.length,
    adjudicated: chosen.filter((r) => r.adjudicated).length,
    annotated: names(chosen).map((annotator) => ({
      annotator,
      articles: chosen.filter((r) => r.layers.includes(annotator)).length,
    })),
  };
}

describe('review/progress kept per layer revision', () => {
  it('answers, after every change, byte for byte what reading every article afresh answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        // After each step, the layer sets asked for: a few, so rows kept for them are used again, or evicted.
        fc.array(fc.tuple(step, fc.array(fc.nat({ max: CONFIGS.length - 1 }), { minLength: 1, maxLength: 3 })), {
          minLength: 1,
          maxLength: 14,
        }),
        async (articles, steps) => {
          const { dir, cleanup } = await makeTempDir('factmark-review-progress-');
          const session = new Session(dir);
          await session.open();
          try {
            for (let k = 0; k < articles; k++) await session.add();
            for (const [s, asked] of steps) {
              await session.run(s);
              for (const annotators of asked.map((k) => CONFIGS[k])) {
                const [cached, fresh] = await session.both(annotators);
                expect(cached, `after ${JSON.stringify(s)}, layers ${JSON.stringify(annotators)}`).toBe(fresh);
              }
              for (const [summary, counted] of await session.summaries())
                expect(summary, `summary after ${JSON.stringify(s)}`).toBe(counted);
            }
          } finally {
            await session.repo.close();
            await cleanup();
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 240_000);
});
