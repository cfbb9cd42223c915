import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewComparison } from '../../annotations/contract';
import { GOLD } from '../../annotations/model';
import type { Article, Entity } from '../../annotations/model';
import {
  commitAll,
  headCommit,
  initRepository,
  isGitRemoteError,
  push,
  readTree,
  setRemote,
} from '../../annotations/node/git';
import type { GitRemoteError } from '../../annotations/node/git';
import { StoreLockedError } from '../../annotations/node/store-lock';
import { cloneProject, PENDING_MERGE_PATH, publish, sync, treeToStoreContent } from '../../annotations/node/sync';
import type { SyncResult } from '../../annotations/node/sync';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { addEntity, annotateWord, asMember, asText, openMember, storeFiles } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

const unavailable = gitUnavailableReason();
if (unavailable) console.log(`sync tests skipped: ${unavailable}`);

const auth = { username: 'team', password: 'pa55-w0rd-secret' };
const person = (name: string) => ({ name, email: `${name}@example.org` });
const as = (name: string) => ({ auth, author: person(name) });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}

/** What a store holds, as its files read back. */
const contentOf = async (dir: string) => treeToStoreContent(await storeFiles(dir));
const annotators = (content: Awaited<ReturnType<typeof contentOf>>, articleId: string) =>
  (content.layers[articleId]?.annotations ?? []).map((a) => a.annotator).sort();

describe.skipIf(unavailable !== null)('a team syncing through a loopback git server', () => {
  let server: GitTestServer;
  let temp: { dir: string; cleanup: () => Promise<void> };
  let url: string;
  let dirs: { lead: string; ana: string; ben: string };
  let ids: string[];
  beforeAll(async () => {
    server = await startGitServer({ auth });
    temp = await makeTempDir('factmark-sync-team-');
    url = server.url('project');
    dirs = { lead: join(temp.dir, 'lead'), ana: join(temp.dir, 'ana'), ben: join(temp.dir, 'ben') };
    ids = await asMember(dirs.lead, 'lead', async (m) =>
      (await m.call<Article[]>('articles/list', {})).map((a) => a.id),
    );
    await publish(dirs.lead, url, as('lead'));
    await cloneProject(url, dirs.ana, { auth });
    await cloneProject(url, dirs.ben, { auth });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  it('publishes a store whose clones open as the same store, local settings left out', async () => {
    expect(asText(await storeFiles(dirs.ana))).toEqual(asText(await storeFiles(dirs.lead)));
    const pushed = await readTree(dirs.ana, (await headCommit(dirs.ana))!);
    expect([...pushed.keys()].filter((path) => /^(local|backup|store\.lock)\//.test(path))).toEqual([]);
    expect(pushed.has('.gitignore')).toBe(true);
    await asMember(dirs.ana, 'ana', async (ana) => {
      expect((await ana.call<Article[]>('articles/list', {})).map((a) => a.id)).toEqual(ids);
    });
    // Opening a clone wrote this machine's settings only: nothing to share.
    expect((await sync(dirs.ana, as('ana'))).status).toBe('up-to-date');
  });

  it('brings everyone the work of everyone, synced in both orders, nothing lost', async () => {
    const [a0, a1, a2, a3] = ids as [string, string, string, string];
    await asMember(dirs.ana, 'ana', async (ana) => {
      await annotateWord(ana, a0, 1);
      for (const n of [9, 2, 12, 6]) await annotateWord(ana, a1, n);
      await addEntity(ana, 'ent-ana', 'Ana’s person');
    });
    await asMember(dirs.ben, 'ben', async (ben) => {
      for (const n of [4, 11, 3]) await annotateWord(ben, a1, n);
      await annotateWord(ben, a2, 5);
      await addEntity(ben, 'ent-ben', 'Ben’s person');
    });
    const benBefore = await storeFiles(dirs.ben);
    expect((await sync(dirs.ana, as('ana'))).status).toBe('pushed');
    const anaTree = await storeFiles(dirs.ana);
    expect((await sync(dirs.ben, as('ben'))).status).toBe('merged');
    // The merge rewrites no layer file: each is as one side wrote it.
    for (const [path, bytes] of await storeFiles(dirs.ben))
      if (path.startsWith('layers/')) expect([anaTree.get(path), benBefore.get(path)]).toContainEqual(bytes);
    expect((await sync(dirs.ana, as('ana'))).status).toBe('pulled');
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pulled');

    // The other order, on one article both work on.
    await asMember(dirs.ana, 'ana', (ana) => annotateWord(ana, a3, 6));
    await asMember(dirs.ben, 'ben', (ben) => annotateWord(ben, a3, 8));
    expect((await sync(dirs.ben, as('ben'))).status).toBe('pushed');
    expect((await sync(dirs.ana, as('ana'))).status).toBe('merged');
    expect((await sync(dirs.ben, as('ben'))).status).toBe('pulled');
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pulled');

    const lead = await contentOf(dirs.lead);
    expect(await contentOf(dirs.ana)).toEqual(lead);
    expect(await contentOf(dirs.ben)).toEqual(lead);
    expect(annotators(lead, a0)).toEqual(['ana']);
    expect(annotators(lead, a1)).toEqual(['ana', 'ana', 'ana', 'ana', 'ben', 'ben', 'ben']);
    expect(annotators(lead, a2)).toEqual(['ben']);
    expect(annotators(lead, a3)).toEqual(['ana', 'ben']);
    expect(lead.entities.map((e) => e.id).sort()).toEqual(['ent-ana', 'ent-ben']);
    await asMember(dirs.lead, 'lead', async (m) => {
      const { annotations } = await m.call<{ annotations: { annotator: string }[] }>('annotations/list', {
        articleId: a1,
      });
      expect(new Set(annotations.map((a) => a.annotator))).toEqual(new Set(['ana', 'ben']));
      expect(annotations).toHaveLength(7);
    });
    // Each commit of work is by its annotator.
    const log = await git.log({ fs, dir: dirs.lead });
    expect(new Set(log.map((c) => c.commit.author.name))).toEqual(new Set(['lead', 'ana', 'ben']));
  }, 120_000);

  it('takes the lead’s adjudication to everyone', async () => {
    const a1 = ids[1]!;
    const decided = await asMember(dirs.lead, 'lead', async (lead) => {
      const { groups } = await lead.call<ReviewComparison>('review/compare', {
        articleId: a1,
        annotators: ['ana', 'ben'],
      });
      for (const group of groups)
        await lead.call('review/decide', {
          articleId: a1,
          annotators: ['ana', 'ben'],
          key: group.key,
          action: 'accept',
          annotator: group.items[0]!.annotator,
        });
      return groups.length;
    });
    expect(decided).toBe(7);
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pushed');
    for (const name of ['ana', 'ben'] as const) {
      expect((await sync(dirs[name], as(name))).status).toBe('pulled');
      const content = await contentOf(dirs[name]);
      expect(content.layers[a1]?.decisions).toHaveLength(7);
      expect(annotators(content, a1).filter((a) => a === GOLD)).toHaveLength(7);
    }
  }, 60_000);

  it('lists a conflict on an entity renamed two ways and changes nothing in the store', async () => {
    await asMember(dirs.lead, 'lead', (lead) => addEntity(lead, 'ent-x', 'Dehqan'));
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pushed');
    for (const name of ['ana', 'ben'] as const) expect((await sync(dirs[name], as(name))).status).toBe('pulled');
    const rename = (dir: string, who: string, name: string) =>
      asMember(dir, who, (m) => m.call('entities/update', { id: 'ent-x', name }));
    await rename(dirs.ana, 'ana', 'General Dehqan');
    await rename(dirs.ben, 'ben', 'Hossein Dehqan');
    expect((await sync(dirs.ana, as('ana'))).status).toBe('pushed');

    const before = await storeFiles(dirs.ben);
    const result: SyncResult = await sync(dirs.ben, as('ben'));
    expect(result.status).toBe('conflicts');
    if (result.status !== 'conflicts') return;
    expect(result.pending.conflicts.map((c) => c.key)).toEqual(['entity/ent-x']);
    expect(result.pending.summaries).toHaveLength(1);
    expect(result.pending.summaries[0]).toMatch(/^entity "Hossein Dehqan": changed differently on both sides/);
    expect(asText(await storeFiles(dirs.ben))).toEqual(asText(before));
    const saved = JSON.parse(await readFile(join(dirs.ben, PENDING_MERGE_PATH), 'utf8')) as {
      pendingMerge: { base: string; ours: string; theirs: string; conflicts: unknown[] };
    };
    expect(saved.pendingMerge.ours).toBe(await headCommit(dirs.ben));
    expect(saved.pendingMerge.theirs).toBe(await headCommit(dirs.ana));
    expect(saved.pendingMerge.conflicts).toHaveLength(1);
    // The pending merge is this machine's: never committed.
    expect((await readTree(dirs.ben, (await headCommit(dirs.ben))!)).has(PENDING_MERGE_PATH)).toBe(false);
    await asMember(dirs.ben, 'ben', async (ben) => {
      const entities = await ben.call<Entity[]>('entities/list', {});
      expect(entities.find((e) => e.id === 'ent-x')?.name).toBe('Hossein Dehqan');
    });

    // Ben takes the other name: the merge is made again with that choice, and sent.
    const chosen = await sync(dirs.ben, { ...as('ben'), choices: { 'entity/ent-x': 'theirs' } });
    expect(chosen.status).toBe('merged');
    expect(existsSync(join(dirs.ben, PENDING_MERGE_PATH))).toBe(false);
    expect((await sync(dirs.ana, as('ana'))).status).toBe('pulled');
    for (const dir of [dirs.ana, dirs.ben])
      expect((await contentOf(dir)).entities.find((e) => e.id === 'ent-x')?.name).toBe('General Dehqan');
  }, 60_000);

  it('merges again when a colleague pushed between its fetch and its push', async () => {
    await asMember(dirs.ana, 'ana', (ana) => annotateWord(ana, ids[2]!, 13));
    await asMember(dirs.lead, 'lead', (lead) => annotateWord(lead, ids[2]!, 14));
    let raced = 0;
    const result = await sync(dirs.ana, {
      ...as('ana'),
      beforePush: async () => {
        // The lead, behind since the rename, merges and pushes first.
        if (raced++ === 0) expect((await sync(dirs.lead, as('lead'))).status).toBe('merged');
      },
    });
    expect(raced).toBe(2);
    expect(result.status).toBe('merged');
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pulled');
    expect(await contentOf(dirs.lead)).toEqual(await contentOf(dirs.ana));
    expect(annotators(await contentOf(dirs.ana), ids[2]!)).toEqual(['ana', 'ben', 'lead']);
  }, 60_000);

  it('lists a kind removed by the lead and used meanwhile, and keeps it when told', async () => {
    expect((await sync(dirs.ben, as('ben'))).status).toBe('pulled');
    await asMember(dirs.ana, 'ana', (ana) => annotateWord(ana, ids[3]!, 2, 'claim'));
    const { tagset } = await contentOf(dirs.lead);
    await asMember(dirs.lead, 'lead', (lead) =>
      lead.call('tagset/update', {
        tagset: {
          ...tagset,
          kinds: tagset.kinds.filter((k) => k.kind !== 'claim'),
          relations: tagset.relations.filter((r) => r.type !== 'said-by'),
        },
      }),
    );
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pushed');
    const before = await storeFiles(dirs.ana);
    const result = await sync(dirs.ana, as('ana'));
    if (result.status !== 'conflicts') throw new Error(`expected conflicts, got ${result.status}`);
    expect(result.pending.conflicts.map((c) => c.type)).toEqual(['tagset-use']);
    expect(result.pending.summaries[0]).toMatch(/claim/);
    expect(asText(await storeFiles(dirs.ana))).toEqual(asText(before));

    const key = result.pending.conflicts[0]!.key;
    expect((await sync(dirs.ana, { ...as('ana'), choices: { [key]: 'keep' } })).status).toBe('merged');
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pulled');
    const lead = await contentOf(dirs.lead);
    expect(lead.tagset.kinds.map((k) => k.kind)).toContain('claim');
    expect(lead.layers[ids[3]!]?.annotations.filter((a) => a.kind === 'claim').map((a) => a.annotator)).toEqual([
      'ana',
    ]);
  }, 60_000);

  it('refuses to clone a repository that holds no store, and leaves no folder', async () => {
    const other = join(temp.dir, 'not-a-store');
    await initRepository(other);
    await writeFile(join(other, 'README.md'), '# Not a store\n');
    await commitAll(other, person('someone'), 'A readme');
    await setRemote(other, server.url('other'));
    await push(other, { auth });
    const into = join(temp.dir, 'clone-of-other');
    expect(String(await failure(cloneProject(server.url('other'), into, { auth })))).toContain('index.json');
    expect(existsSync(into)).toBe(false);
    await mkdir(into);
    expect(String(await failure(cloneProject(server.url('other'), into, { auth })))).toContain('index.json');
    expect(await readdir(into)).toEqual([]);
  }, 60_000);

  it('says why a sync failed and keeps the local commit', async () => {
    await asMember(dirs.lead, 'lead', (lead) => annotateWord(lead, ids[4]!, 3));
    const before = await headCommit(dirs.lead);
    const refused = (await failure(
      sync(dirs.lead, { auth: { ...auth, password: 'wrong' }, author: person('lead') }),
    )) as GitRemoteError;
    expect(isGitRemoteError(refused) && refused.code).toBe('auth-failed');
    const committed = await headCommit(dirs.lead);
    expect(committed).not.toBe(before);
    expect((await readTree(dirs.lead, committed!)).size).toBeGreaterThan(0);

    await setRemote(dirs.lead, 'http://127.0.0.1:9/nowhere.git');
    const unreachable = (await failure(sync(dirs.lead, { ...as('lead'), timeoutMs: 5_000 }))) as GitRemoteError;
    expect(isGitRemoteError(unreachable) && unreachable.code).toBe('network');
    expect(await headCommit(dirs.lead)).toBe(committed);
    await setRemote(dirs.lead, url);

    const open = await openMember(dirs.lead, 'lead');
    try {
      expect(await failure(sync(dirs.lead, as('lead')))).toBeInstanceOf(StoreLockedError);
    } finally {
      await open.close();
    }
    expect((await sync(dirs.lead, as('lead'))).status).toBe('pushed');
    expect(existsSync(join(dirs.lead, PENDING_MERGE_PATH))).toBe(false);
  }, 60_000);
});
