import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../annotations/model';
import type { Team } from '../../annotations/project';
import { mergedTree, storeContentToTree, treeToStoreContent } from '../../annotations/node/sync';
import type { StoreContent } from '../../annotations/sync';
import { mergeThreeWay, snapshotFromStore, storeFromSnapshot } from '../../annotations/sync';
import { asMember, asText, storeFiles } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

const encode = (text: string) => new TextEncoder().encode(text);

/** A store whose lead set up a team: two members, articles assigned to one not yet a member. */
async function teamStore(): Promise<{ store: string; ids: string[] }> {
  const store = join(temp.dir, 'store');
  const ids = await asMember(store, 'Lena', async (lena) => {
    const articles = await lena.call<Article[]>('articles/list', {});
    await lena.call('team/member', { name: 'Lena', role: 'lead' });
    await lena.call('team/assign', {
      annotator: 'Zoë Ana',
      articleIds: [articles[2]!.id, articles[0]!.id],
      assigned: true,
    });
    await lena.call('team/assign', { annotator: 'ben', articleIds: [articles[1]!.id], assigned: true });
    return articles.map((a) => a.id);
  });
  return { store, ids };
}

/** The three-way merge of store contents, as a sync makes it, and the tree it writes. */
function mergeContents(base: StoreContent, ours: StoreContent, theirs: StoreContent) {
  const trees = { base: storeContentToTree(base), ours: storeContentToTree(ours), theirs: storeContentToTree(theirs) };
  const result = mergeThreeWay(snapshotFromStore(base), snapshotFromStore(ours), snapshotFromStore(theirs));
  expect(result.conflicts).toEqual([]);
  return mergedTree(storeFromSnapshot(result.merged), trees, { ours, theirs });
}

const withTeam = (content: StoreContent, team: Partial<Team>): StoreContent => ({ ...content, ...team });

describe('the team in a store as a git tree', () => {
  it('reads the team files a store writes and gives them back byte for byte', async () => {
    const { store, ids } = await teamStore();
    const files = await storeFiles(store);
    const content = treeToStoreContent(files);
    expect(content.members).toEqual([
      { name: 'Lena', role: 'lead' },
      { name: 'Zoë Ana', role: 'annotator' },
      { name: 'ben', role: 'annotator' },
    ]);
    expect(content.assignments).toEqual([
      { annotator: 'Zoë Ana', articleId: ids[0] },
      { annotator: 'Zoë Ana', articleId: ids[2] },
      { annotator: 'ben', articleId: ids[1] },
    ]);
    const written = new Map([...files].filter(([path]) => path !== 'settings.json'));
    expect(asText(storeContentToTree(content))).toEqual(asText(written));
  });

  it('names a team file that does not parse, and the line', async () => {
    const { store } = await teamStore();
    const files = await storeFiles(store);
    expect(() =>
      treeToStoreContent(new Map([...files, ['members.jsonl', encode('{"name":"gold","role":"lead"}\n')]])),
    ).toThrow(/members\.jsonl.*line 1.*adjudicated layer/);
    expect(() =>
      treeToStoreContent(new Map([...files, ['assignments.jsonl', encode('{"annotator":"ben","articleId":"a/b"}\n')]])),
    ).toThrow(/assignments\.jsonl.*line 1/);
  });

  it('merges the team files record by record: both leads’ assignments kept, a file the merge emptied kept empty', async () => {
    const { store, ids } = await teamStore();
    const base = treeToStoreContent(await storeFiles(store));
    const ours = withTeam(base, {
      members: [...base.members!, { name: 'dora', role: 'lead' }],
      assignments: [...base.assignments!, { annotator: 'ben', articleId: ids[3]! }],
    });
    const theirs = withTeam(base, {
      members: [...base.members!, { name: 'cleo', role: 'annotator' }],
      assignments: [
        { annotator: 'Zoë Ana', articleId: ids[0]! },
        ...base.assignments!.slice(1),
        { annotator: 'cleo', articleId: ids[3]! },
      ],
    });
    const tree = asText(mergeContents(base, ours, theirs));
    expect(tree['members.jsonl']).toBe(
      '{"name":"Lena","role":"lead"}\n{"name":"Zoë Ana","role":"annotator"}\n{"name":"ben","role":"annotator"}\n{"name":"cleo","role":"annotator"}\n{"name":"dora","role":"lead"}\n',
    );
    expect(tree['assignments.jsonl']!.trim().split('\n')).toEqual(
      [
        ['Zoë Ana', ids[0]],
        ['Zoë Ana', ids[2]],
        ['ben', ids[1]],
        ['ben', ids[3]],
        ['cleo', ids[3]],
      ].map(([annotator, articleId]) => JSON.stringify({ annotator, articleId })),
    );

    // Every assignment taken back on our side: the file stays, empty, as the store keeps it.
    const emptied = mergeContents(base, withTeam(base, { assignments: [] }), base);
    expect(asText(emptied)['assignments.jsonl']).toBe('');
    expect(treeToStoreContent(emptied).assignments).toEqual([]);
  });
});
