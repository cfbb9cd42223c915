import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuggestionList } from '../../annotations/contract';
import type { Annotation, Article, Rejection } from '../../annotations/model';
import { rejectionId } from '../../annotations/model';
import { storeContentToTree, treeToStoreContent } from '../../annotations/node/sync';
import { PATHS } from '../../annotations/node/store-layout';
import { mergeThreeWay, snapshotFromStore, storeFromSnapshot } from '../../annotations/sync';
import { hashStore } from '../support/store-integrity';
import { useStoreOpener } from '../support/open-store';
import { annotateWord, asMember, storeFiles } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());
const openStore = useStoreOpener();

const rejection = (annotator: string, articleId: string, start: number, end: number): Rejection => ({
  id: rejectionId('place', start, end),
  articleId,
  annotator,
  kind: 'place',
  start,
  end,
  recommender: 'language-model',
  rejectedAt: '2026-12-01T10:00:00.000Z',
});

describe('suggestions in the store', () => {
  it('writes an accepted suggestion’s recommender and the rejections in the annotator’s layer file, and reads them back', async () => {
    const store = join(temp.dir, 'store');
    let made: Annotation | undefined;
    let articleId = '';
    await asMember(store, 'alice', async (alice) => {
      articleId = (await alice.call<Article[]>('articles/list', {}))[0]!.id;
      const { suggestions } = await alice.call<SuggestionList>('suggestions/list', { articleId });
      const [first, second] = suggestions;
      ({
        value: [made],
      } = await alice.call<{ value: Annotation[] }>('suggestions/accept', {
        articleId,
        suggestionIds: [first!.id],
      }));
      await alice.call('suggestions/reject', { articleId, suggestionIds: [second!.id] });
    });
    const file = JSON.parse(await readFile(join(store, PATHS.layer(articleId, 'alice')), 'utf8')) as {
      annotations: Annotation[];
      rejections: Rejection[];
    };
    expect(file.annotations[0]?.suggestedBy).toBe(made!.suggestedBy);
    expect(file.rejections).toHaveLength(1);
    const repo = await openStore(store);
    const layer = await repo.readLayer(articleId);
    expect(layer.annotations).toEqual([made]);
    expect(layer.rejections).toEqual(file.rejections);
  });

  it('reads a layer made by hand as before, without the new fields, and does not rewrite it', async () => {
    const store = join(temp.dir, 'store');
    let articleId = '';
    await asMember(store, 'alice', async (alice) => {
      articleId = (await alice.call<Article[]>('articles/list', {}))[0]!.id;
      await annotateWord(alice, articleId, 3);
    });
    const before = await hashStore(store);
    const text = await readFile(join(store, PATHS.layer(articleId, 'alice')), 'utf8');
    expect(text).not.toMatch(/suggestedBy|rejections/);
    await asMember(store, 'alice', async (alice) => {
      const layer = await alice.call<{ annotations: Annotation[]; rejections?: unknown }>('annotations/list', {
        articleId,
      });
      expect('suggestedBy' in layer.annotations[0]!).toBe(false);
      expect('rejections' in layer).toBe(false);
      await alice.call('suggestions/list', { articleId });
      await alice.call('suggestions/settings', {});
    });
    expect(await hashStore(store)).toEqual(before);
  });

  it('shares rejections through sync: a record of each annotator’s, merged like annotations', async () => {
    const store = join(temp.dir, 'store');
    let articleId = '';
    await asMember(store, 'alice', async (alice) => {
      articleId = (await alice.call<Article[]>('articles/list', {}))[0]!.id;
      const { suggestions } = await alice.call<SuggestionList>('suggestions/list', { articleId });
      await alice.call('suggestions/reject', { articleId, suggestionIds: [suggestions[0]!.id] });
    });
    const files = await storeFiles(store);
    const content = treeToStoreContent(files);
    expect(content.layers[articleId]?.rejections).toHaveLength(1);
    // Written back byte for byte, and through a snapshot unchanged.
    const tree = storeContentToTree(content);
    expect(tree.get(PATHS.layer(articleId, 'alice'))).toEqual(files.get(PATHS.layer(articleId, 'alice')));
    const base = snapshotFromStore(content);
    expect(storeFromSnapshot(base).layers[articleId]?.rejections).toEqual(content.layers[articleId]?.rejections);

    // Both sides reject other spans, and the same span in two layers: all are kept.
    const withRejections = (extra: Rejection[]) => {
      const layer = content.layers[articleId]!;
      return snapshotFromStore({
        ...content,
        layers: { ...content.layers, [articleId]: { ...layer, rejections: [...layer.rejections!, ...extra] } },
      });
    };
    const ours = withRejections([rejection('alice', articleId, 200, 204)]);
    const theirs = withRejections([rejection('bob', articleId, 200, 204), rejection('bob', articleId, 300, 306)]);
    const merged = mergeThreeWay(base, ours, theirs);
    expect(merged.conflicts).toEqual([]);
    const rejections = storeFromSnapshot(merged.merged).layers[articleId]!.rejections!;
    expect(rejections.map((r) => `${r.annotator}:${r.id}`).sort()).toEqual(
      [
        ...content.layers[articleId]!.rejections!.map((r) => `alice:${r.id}`),
        'alice:rj-place-200-204',
        'bob:rj-place-200-204',
        'bob:rj-place-300-306',
      ].sort(),
    );
  });
});
