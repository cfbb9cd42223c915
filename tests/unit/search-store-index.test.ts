import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { Article, ArticleSummary } from '../../annotations/model';
import { summarize } from '../../annotations/model';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { STORE_SCHEMA_VERSION } from '../../annotations/node/store-files';
import { PATHS } from '../../annotations/node/store-layout';
import { openStoreSearchIndex, SEARCH_INDEX_PATH } from '../../annotations/node/store-search-index';
import { stableJson } from '../../annotations/node/store-text-file';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service';
import { useStoreOpener } from '../support/open-store';
import { annotationOver, testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());
const openStore = useStoreOpener();

/** The same store searched the straightforward way: every article read, no index asked. */
function withoutIndex(repo: AnnotationRepository): AnnotationRepository {
  return { ...repo, snapshot: (work) => repo.snapshot((view) => work({ ...view, searchCandidates: undefined })) };
}

async function search(repo: AnnotationRepository, args: object): Promise<SearchResult> {
  const envelope = await dispatch(createHandlers(repo, { annotator: 'alice' }), 'search/query', args);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.result as SearchResult;
}

const PIECES = [...'Iran iraq IRAN Tehran the other ', 'ſ', 'K', 'ß', 'Σ', 'ς', 'é', 'e\u0301', '😀', '.', '-', '\n'];
const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((p) => `x${p.join('')}`);
const needle = fc.oneof(
  fc.constantFrom('iran', 'IRAQ', 'the', 'he', 'k', 's', 'ß', 'σ', 'é', 'ran ir', 'n. t', 'Tehran', '😀', '-', 'x'),
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
);
/** A corpus: texts, and for some of them an annotation over a piece of the text (its quote searched too). */
const corpus = fc.array(fc.tuple(text, fc.option(fc.tuple(fc.nat(), fc.nat({ max: 8 })), { nil: undefined })), {
  minLength: 1,
  maxLength: 6,
});

describe('corpus search through the word index', () => {
  it('gives what reading every article gives: the same hits, offsets, count and order, at any limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.array(needle, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 6 }),
        async (docs, needles, limit) => {
          const { dir: storeDir, cleanup: done } = await makeTempDir();
          const repo = await openLowdbRepository(storeDir);
          try {
            const articles = await Promise.all(docs.map(([t], i) => testArticle(`a${i}`, t)));
            await repo.addArticles(articles);
            for (const [i, [, span]] of docs.entries()) {
              if (!span) continue;
              const article = articles[i]!;
              const start = span[0] % article.text.length;
              const end = Math.min(article.text.length, start + span[1] + 1);
              await repo.putAnnotations(article.id, [
                annotationOver(article.text, article.id, `n${i}`, 'claim', { start, end }),
              ]);
            }
            expect(await repo.searchCandidates?.('iran', true)).toBeDefined();
            for (const query of needles.flatMap((n) => [{ text: n }, { text: n, limit }, { text: n, kind: 'claim' }])) {
              expect(await search(repo, query), JSON.stringify(query)).toEqual(await search(withoutIndex(repo), query));
            }
          } finally {
            await repo.close();
            await done();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  /** Writes, as a sync would, an article's file and the index naming the articles given. */
  async function writeAsSync(articles: readonly Article[], listed: readonly ArticleSummary[]): Promise<void> {
    for (const article of articles)
      await writeFile(
        join(dir, PATHS.article(article.id)),
        stableJson({ schemaVersion: STORE_SCHEMA_VERSION, article }),
      );
    await writeFile(join(dir, PATHS.index), stableJson({ schemaVersion: STORE_SCHEMA_VERSION, articles: listed }));
  }

  const found = async (repo: LowdbRepository, word: string) =>
    (await search(repo, { text: word })).hits.map((h) => h.articleId);

  it('finds what an import adds, and what a sync brings or takes away, at once', async () => {
    const repo = await openStore(dir);
    await repo.addArticles([await testArticle('a', 'Headline\n\nTehran talks.')]);
    expect(await found(repo, 'tehran')).toEqual(['a']);
    await repo.addArticles([await testArticle('b', 'Headline\n\nMore Tehran news, and Basra.')]);
    expect(await found(repo, 'tehran')).toEqual(['a', 'b']);
    expect(await found(repo, 'basra')).toEqual(['b']);

    // A colleague's article arrives and article a leaves, both by files written while the store is offline.
    const c = await testArticle('c', 'Headline\n\nBasra port reopens.');
    const [, b] = repo.listArticles();
    await repo.offline(() => writeAsSync([c], [b!, summarize(c)]));
    expect(repo.listArticles().map((s) => s.id)).toEqual(['b', 'c']);
    expect(await found(repo, 'basra')).toEqual(['b', 'c']);
    expect(await found(repo, 'tehran')).toEqual(['b']);
    expect(await found(repo, 'reopens')).toEqual(['c']);
  });

  it('keeps the index under local/ and trusts it only for the texts the list names, by hash', async () => {
    const [a, b] = await Promise.all([testArticle('a', 'Headline\n\nTehran.'), testArticle('b', 'Headline\n\nBasra.')]);
    const texts = new Map([a!, b!].map((x) => [x.id, x.text]));
    let list: ArticleSummary[] = [];
    const reads: string[] = [];
    const open = () =>
      openStoreSearchIndex({
        dir,
        list: () => list,
        readText: async (id) => (reads.push(id), texts.get(id) ?? null),
        keepFrom: 0,
      });
    const first = open();
    await first.lookup('tehran');
    list = [summarize(a!), summarize(b!)];
    first.added([a!, b!]);
    await first.close();
    expect(existsSync(join(dir, SEARCH_INDEX_PATH))).toBe(true);
    expect(reads).toEqual([]);

    // Reopened: nothing is read again. Then article b's text is another under its id: it is read anew.
    const second = await open();
    await second.close();
    expect(reads).toEqual([]);
    const other = await testArticle('b', 'Headline\n\nMosul.');
    texts.set('b', other.text);
    list = [summarize(a!), summarize(other)];
    const third = await open();
    await third.close();
    expect(reads).toEqual(['b']);
    const fourth = await open();
    const { found: mosul, docs } = await fourth.lookup('mosul');
    expect(mosul.kind === 'counts' && [...docs].map((doc) => mosul.counts[doc])).toEqual([0, 1]);
    await fourth.close();

    // A file that is no index is built again, never trusted.
    await writeFile(join(dir, SEARCH_INDEX_PATH), 'garbage');
    reads.length = 0;
    const rebuilt = await open();
    await rebuilt.close();
    expect(reads.sort()).toEqual(['a', 'b']);
    expect((await readFile(join(dir, SEARCH_INDEX_PATH))).subarray(0, 8).toString()).toBe('factmark');
  });

  it('reads no article in the background for a short command, and its search stays exact', async () => {
    const [a, b] = await Promise.all([testArticle('a', 'Headline\n\nTehran.'), testArticle('b', 'Headline\n\nBasra.')]);
    const texts = new Map([a!, b!].map((x) => [x.id, x.text]));
    const reads: string[] = [];
    const index = openStoreSearchIndex({
      dir,
      list: () => [summarize(a!), summarize(b!)],
      readText: async (id) => (reads.push(id), texts.get(id) ?? null),
      readInBackground: false,
    });
    // No saved index: the articles it lacks are left to the search, which reads them itself.
    const { docs } = await index.lookup('tehran');
    expect([...docs]).toEqual([-1, -1]);
    await index.close();
    expect(reads).toEqual([]);
    expect(existsSync(join(dir, SEARCH_INDEX_PATH))).toBe(false);

    // Through the store: what an import adds and what a sync brings are found all the same.
    const repo = await openLowdbRepository(dir, { indexInBackground: false });
    try {
      await repo.addArticles([a!]);
      expect(await found(repo, 'tehran')).toEqual(['a']);
      const c = await testArticle('c', 'Headline\n\nTehran port.');
      await repo.offline(() => writeAsSync([c], [summarize(a!), summarize(c)]));
      expect(await found(repo, 'tehran')).toEqual(['a', 'c']);
    } finally {
      await repo.close();
    }
  });
});
