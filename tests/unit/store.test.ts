import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnreadableError } from '../../annotations/errors';
import { AtomicJsonFile } from '../../annotations/node/atomic-json-file';
import { useStoreOpener } from '../support/open-store';
import { testAnnotation, testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
const openStore = useStoreOpener();
afterEach(() => cleanup());

const article = (id: string, text = `Article ${id}\n\nIran and Iraq.`) => testArticle(id, text);
const annotation = (articleId: string, id: string) => testAnnotation(articleId, id, 0, 'Arti');

describe('the atomic JSON file', () => {
  const parse = (json: unknown) => json as { n: number };

  it('reads a missing file as null, and writes whole files without leaving temporaries', async () => {
    const file = new AtomicJsonFile(join(dir, 'x.json'), parse);
    expect(await file.read()).toBeNull();
    await file.write({ n: 1 });
    await file.write({ n: 2 });
    expect(await file.read()).toEqual({ n: 2 });
    expect(await readdir(dir)).toEqual(['x.json']);
  });

  it('tells a file that is not UTF-8 or not JSON from a missing one, naming it, and leaves it untouched', async () => {
    for (const [bytes, reason] of [
      [Buffer.from([0xff, 0xfe, 0x00, 0x41]), /not UTF-8/],
      [Buffer.from('{"n": 1,'), /not valid JSON/],
    ] as const) {
      const path = join(dir, 'bad.json');
      await writeFile(path, bytes);
      const error = await new AtomicJsonFile(path, parse).read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnreadableError);
      expect((error as StoreUnreadableError).file).toBe(path);
      expect((error as StoreUnreadableError).reason).toMatch(reason);
      expect(await readFile(path)).toEqual(bytes);
    }
  });

  it('fails a write into a missing folder and keeps nothing half-written', async () => {
    const file = new AtomicJsonFile(join(dir, 'gone', 'x.json'), parse);
    await expect(file.write({ n: 1 })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the lowdb store', () => {
  it('saves one edit by rewriting only that article’s layer file', async () => {
    const repo = await openStore(dir);
    expect(repo.isNew).toBe(true);
    await repo.addArticles([await article('a'), await article('b')]);
    const files = ['index.json', 'tagset.json', 'entities.jsonl', 'articles/a.json', 'articles/b.json'];
    const before = await Promise.all(
      files.map(async (f) => [(await stat(join(dir, f))).mtimeMs, await readFile(join(dir, f), 'utf8')]),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await repo.putAnnotation(annotation('a', 'x1'));
    const after = await Promise.all(
      files.map(async (f) => [(await stat(join(dir, f))).mtimeMs, await readFile(join(dir, f), 'utf8')]),
    );
    expect(after).toEqual(before);
    expect(await readdir(join(dir, 'layers'))).toEqual(['a']);
    expect((await openStore(dir)).isNew).toBe(false);
  });

  it('keeps every one of many concurrent edits of one article', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    await Promise.all(Array.from({ length: 50 }, (_, i) => repo.putAnnotation(annotation('a', `n${i}`))));
    await repo.deleteAnnotation('a', 'n7');
    const reopened = await openStore(dir);
    const ids = (await reopened.listAnnotations('a')).map((a) => a.id);
    expect(ids).toHaveLength(49);
    expect(ids).not.toContain('n7');
  });

  it('refuses a second article with the same id', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    await expect(repo.addArticle(await article('a'))).rejects.toThrow(/already in the store/);
    expect(repo.listArticles()).toHaveLength(1);
  });

  it('refuses a store written by a newer Factmark, and an index that is not JSON, leaving them as they are', async () => {
    await mkdir(dir, { recursive: true });
    const index = join(dir, 'index.json');
    for (const content of ['{"schemaVersion": 3, "articles": []}', '{"schemaVersion": 2, "articles": [']) {
      await writeFile(index, content);
      const error = await openStore(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnreadableError);
      expect((error as Error).message).toContain(index);
      expect((error as Error).message).toMatch(content.includes('3,') ? /newer than this Factmark/ : /not valid JSON/);
      expect(await readFile(index, 'utf8')).toBe(content);
    }
  });

  it('reports an unreadable article file, keeps it, and lets the user try again once it is repaired', async () => {
    const repo = await openStore(dir);
    await repo.addArticle(await article('a'));
    const reopened = await openStore(dir);
    const file = join(dir, 'articles', 'a.json');
    const good = await readFile(file, 'utf8');
    await writeFile(file, '{"schemaVersion":1,"article":{"id":"a"}}');
    await expect(reopened.getArticle('a')).rejects.toThrow(/does not have the expected shape/);
    expect(reopened.status().problems).toEqual([
      { file, reason: expect.stringMatching(/expected shape/), articleId: 'a', restorable: false },
    ]);
    await writeFile(file, good);
    expect((await reopened.getArticle('a')).id).toBe('a');
    await rm(file);
    const fresh = await openStore(dir);
    await expect(fresh.getArticle('a')).rejects.toThrow(/missing/);
  });
});
