import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../annotations/model';
import { mergedTree, storeContentToTree, treeToStoreContent } from '../../annotations/node/sync';
import { addEntity, annotateWord, asMember, asText, storeFiles } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

const encode = (text: string) => new TextEncoder().encode(text);

describe('a store as a git tree', () => {
  it('reads the files a store writes and gives them back byte for byte', async () => {
    const store = join(temp.dir, 'store');
    await asMember(store, 'Zoë Ana', async (ana) => {
      const [first, second] = await ana.call<Article[]>('articles/list', {});
      const entity = await addEntity(ana, 'ent-1', 'General Dehqan');
      await addEntity(ana, 'ent-0', 'Tehran');
      const a = await annotateWord(ana, first!.id, 3);
      await ana.call('annotations/update', { id: a.id, articleId: first!.id, entityId: entity.id });
      await annotateWord(ana, first!.id, 1);
      await annotateWord(ana, second!.id, 7);
      await ana.call('documentLabels/set', { articleId: second!.id, done: true });
      await ana.call('guidelines/update', { markdown: '# Our rules\n\nMark every speaker.\n' });
    });
    await asMember(store, 'ben', async (ben) => {
      const [first] = await ben.call<Article[]>('articles/list', {});
      await annotateWord(ben, first!.id, 5);
    });
    const files = await storeFiles(store);
    const content = treeToStoreContent(files);
    expect(content.entities.map((e) => e.id)).toEqual(['ent-1', 'ent-0']);
    expect(
      Object.values(content.layers)
        .flatMap((l) => l.annotations.map((a) => a.annotator))
        .sort(),
    ).toEqual(['Zoë Ana', 'Zoë Ana', 'Zoë Ana', 'ben']);
    const tree = storeContentToTree(content);
    // The settings are no part of the content: the store wrote its shared settings file, nothing else is extra.
    const written = new Map([...files].filter(([path]) => path !== 'settings.json'));
    expect(asText(tree)).toEqual(asText(written));
  });

  it('names the file of a tree that does not parse', async () => {
    const store = join(temp.dir, 'store');
    await asMember(store, 'ana', async (ana) => {
      const [first] = await ana.call<Article[]>('articles/list', {});
      await annotateWord(ana, first!.id, 2);
    });
    const files = await storeFiles(store);
    const layer = [...files.keys()].find((path) => path.startsWith('layers/'))!;
    expect(() => treeToStoreContent(new Map([...files, [layer, encode('{ "schemaVersion": 2,')]]))).toThrow(layer);
    expect(() => treeToStoreContent(new Map([...files, ['entities.jsonl', encode('{"id":"x"}\n')]]))).toThrow(
      /entities\.jsonl.*line 1/,
    );
    const article = [...files.keys()].find((path) => path.startsWith('articles/'))!;
    const withoutArticle = new Map(files);
    withoutArticle.delete(article);
    expect(() => treeToStoreContent(withoutArticle)).toThrow(article);
    expect(() => treeToStoreContent(new Map([...files, [layer, new Uint8Array([0xff, 0xfe])]]))).toThrow(/not UTF-8/);
    const moved = layer.replace(/[^/]+\.json$/, 'someone-else.json');
    expect(() => treeToStoreContent(new Map([...files, [moved, files.get(layer)!]]))).toThrow(moved);
  });

  it('merges the files that are no part of the content whole, keeps article texts and writes an emptied layer empty', async () => {
    const store = join(temp.dir, 'store');
    await asMember(store, 'ana', async (ana) => {
      const [first] = await ana.call<Article[]>('articles/list', {});
      await annotateWord(ana, first!.id, 2);
    });
    const files = await storeFiles(store);
    const content = treeToStoreContent(files);
    const layer = [...files.keys()].find((path) => path.startsWith('layers/'))!;
    const article = [...files.keys()].find((path) => path.startsWith('articles/'))!;
    const withFiles = (extra: Record<string, string>) =>
      new Map([...files, ...Object.entries(extra).map(([path, text]) => [path, encode(text)] as const)]);
    const base = withFiles({ 'a.md': 'a', 'b.md': 'b', 'c.md': 'c', 'gone.md': 'g' });
    const ours = withFiles({ 'a.md': 'a ours', 'b.md': 'b', 'c.md': 'c ours', 'gone.md': 'g' });
    // An article file as an older Factmark wrote it: its text never changes, so its bytes stay.
    const older = encode(
      new TextDecoder().decode(files.get(article)).replace('"schemaVersion": 2', '"schemaVersion": 1'),
    );
    ours.set(article, older);
    const theirs = withFiles({ 'a.md': 'a', 'b.md': 'b theirs', 'c.md': 'c theirs', 'new.md': 'n' });
    // The merge took the annotation away: the layer file stays, empty.
    const merged = { ...content, layers: {} };
    const tree = mergedTree(merged, { base, ours, theirs }, { ours: content, theirs: content });
    const text = asText(tree);
    expect([text['a.md'], text['b.md'], text['c.md'], text['new.md'], text['gone.md']]).toEqual([
      'a ours',
      'b theirs',
      'c ours',
      'n',
      undefined,
    ]);
    expect(tree.get(article)).toEqual(older);
    expect(JSON.parse(text[layer]!)).toMatchObject({ annotator: 'ana', annotations: [], relations: [] });
    expect(treeToStoreContent(tree).layers).toEqual({
      [content.articles[0]!.id]: { annotations: [], relations: [], documentLabels: [] },
    });
  });
});
