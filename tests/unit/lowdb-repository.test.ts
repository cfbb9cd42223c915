import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactmarkError } from '../../annotations/errors';
import { useStoreOpener } from '../support/open-store';
import { testAnnotation, testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
const openStore = useStoreOpener();
afterEach(() => cleanup());

const article = testArticle;
const annotation = testAnnotation;
/** The layer file name of `testAnnotation`'s annotator. */
const ANNOTATOR = testAnnotation('a', 'x').annotator;

async function rejection(promise: Promise<unknown>): Promise<FactmarkError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as FactmarkError,
  );
}

/** Bytes, mtime and inode: an atomic rewrite (a rename) always changes the inode. */
const fingerprint = async (path: string) => {
  const info = await stat(path);
  return { bytes: (await readFile(path)).toString('base64'), mtimeMs: info.mtimeMs, ino: info.ino };
};

describe('openLowdbRepository', () => {
  it('says a store is new until articles are added, and not new when reopened', async () => {
    const repo = await openStore(dir);
    expect(repo.isNew).toBe(true);
    expect(repo.listArticles()).toEqual([]);
    await repo.addArticle(await article('a'));
    expect((await openStore(dir)).isNew).toBe(false);
  });

  it('adds an article: getArticle returns it whole, listArticles its summary, also after reopening', async () => {
    const repo = await openStore(dir);
    const a = await article('a');
    await repo.addArticle(a);
    expect(await repo.getArticle('a')).toEqual(a);
    const { text, ...summary } = a;
    expect(repo.listArticles()).toEqual([{ ...summary, length: text.length }]);
    const reopened = await openStore(dir);
    expect(await reopened.getArticle('a')).toEqual(a);
    expect(reopened.listArticles().map((s) => s.id)).toEqual(['a']);
    expect(reopened.status()).toMatchObject({ location: dir, articleCount: 1, problems: [] });
  });

  it('refuses an article id already in the store with conflict, and keeps the first', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    const twin = { ...(await article('a')), title: 'Other' };
    const error = await rejection(repo.addArticle(twin));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"a"');
    expect(repo.listArticles()).toHaveLength(1);
    expect((await repo.getArticle('a')).title).toBe('Headline a');
    expect((await rejection(repo.addArticles([await article('b'), await article('b')]))).code).toBe('conflict');
    expect(repo.listArticles().map((s) => s.id)).toEqual(['a']);
  });

  it('answers not-found for an article it does not hold', async () => {
    const repo = await openStore(dir);
    expect((await rejection(repo.getArticle('nope'))).code).toBe('not-found');
    expect((await rejection(repo.listAnnotations('nope'))).code).toBe('not-found');
  });
});

describe('annotation writes', () => {
  it('rewrite only the layer file of that article, never the index or other files', async () => {
    const repo = await openStore(dir);
    await repo.addArticles([await article('a'), await article('b')]);
    await repo.putAnnotation(annotation('b', 'b1'));
    const others = ['index.json', 'tagset.json', 'articles/a.json', 'articles/b.json', `layers/b/${ANNOTATOR}.json`];
    const before = await Promise.all(others.map((f) => fingerprint(join(dir, f))));
    await new Promise((resolve) => setTimeout(resolve, 25));
    await repo.putAnnotation(annotation('a', 'a1'));
    expect(await Promise.all(others.map((f) => fingerprint(join(dir, f))))).toEqual(before);
    expect((await readdir(join(dir, 'layers'))).sort()).toEqual(['a', 'b']);
    const layerA = JSON.parse(await readFile(join(dir, 'layers', 'a', `${ANNOTATOR}.json`), 'utf8'));
    expect(layerA).toMatchObject({ schemaVersion: 2, articleId: 'a', annotations: [annotation('a', 'a1')] });
  });

  it('replaces an annotation with the same id instead of adding a second one', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    await repo.putAnnotation(annotation('a', 'x'));
    await repo.putAnnotation({ ...annotation('a', 'x'), note: 'second' });
    const saved = await (await openStore(dir)).listAnnotations('a');
    expect(saved).toEqual([{ ...annotation('a', 'x'), note: 'second' }]);
  });

  it('keep all of 50 concurrent puts on one article', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    await Promise.all(Array.from({ length: 50 }, (_, i) => repo.putAnnotation(annotation('a', `n${i}`))));
    const ids = (await (await openStore(dir)).listAnnotations('a')).map((a) => a.id);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `n${i}`)));
    expect(ids).toHaveLength(50);
  });

  it('deletes one annotation and keeps the others', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    await repo.putAnnotations('a', [annotation('a', 'x'), annotation('a', 'y'), annotation('a', 'z')]);
    await repo.deleteAnnotation('a', 'y');
    expect((await repo.listAnnotations('a')).map((a) => a.id)).toEqual(['x', 'z']);
    expect((await (await openStore(dir)).listAnnotations('a')).map((a) => a.id)).toEqual(['x', 'z']);
  });
});

describe('unreadable store files', () => {
  it('refuses an index written by a newer Factmark, saying so, and leaves it unchanged', async () => {
    const index = join(dir, 'index.json');
    const content = '{"schemaVersion": 3, "articles": [], "future": true}';
    await writeFile(index, content);
    const error = await rejection(openStore(dir));
    expect(error.code).toBe('store-unreadable');
    expect(error.message).toMatch(/newer/);
    expect(error.message).toContain(index);
    expect(await readFile(index, 'utf8')).toBe(content);
  });

  it('refuses an index that is not JSON, naming the file, and leaves it unchanged', async () => {
    const index = join(dir, 'index.json');
    const content = '{"schemaVersion": 1, "articles": [';
    await writeFile(index, content);
    const error = await rejection(openStore(dir));
    expect(error.code).toBe('store-unreadable');
    expect(error.message).toContain(index);
    expect(error.message).toMatch(/not valid JSON/);
    expect(await readFile(index, 'utf8')).toBe(content);
  });

  it('reports a broken article file in getArticle and in status().problems, and keeps it', async () => {
    await (await openStore(dir)).addArticles([await article('a'), await article('b')]);
    const broken = join(dir, 'articles', 'a.json');
    await writeFile(broken, '{"schemaVersion": 1, "article": ');
    const repo = await openStore(dir);
    expect(repo.status().problems).toEqual([]);
    const error = await rejection(repo.getArticle('a'));
    expect(error.code).toBe('store-unreadable');
    expect(error.message).toContain(broken);
    expect(repo.status().problems).toEqual([
      { file: broken, reason: expect.stringMatching(/not valid JSON/), articleId: 'a', restorable: false },
    ]);
    expect((await repo.getArticle('b')).id).toBe('b');
    expect(await readFile(broken, 'utf8')).toBe('{"schemaVersion": 1, "article": ');
  });

  it('refuses to write over an unreadable layer file', async () => {
    await (await openStore(dir)).addArticle(await article('a'));
    const layer = join(dir, 'layers', 'a', `${ANNOTATOR}.json`);
    await mkdir(join(dir, 'layers', 'a'), { recursive: true });
    await writeFile(layer, 'not json');
    const repo = await openStore(dir);
    expect((await rejection(repo.putAnnotation(annotation('a', 'x')))).code).toBe('store-unreadable');
    expect(await readFile(layer, 'utf8')).toBe('not json');
    expect(repo.status().problems.map((p) => p.file)).toEqual([layer]);
  });
});
