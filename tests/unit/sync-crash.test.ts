import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../annotations/model';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { JOURNAL_NAME } from '../../annotations/node/store-journal';
import { cloneProject, publish, sync, treeToStoreContent } from '../../annotations/node/sync';
import { snapshotFromStore } from '../../annotations/sync';
import { bundleEntry } from '../support/bundle-entry';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { addEntity, annotateWord, asMember, storeFiles } from '../support/sync-team';
import { runKillableChild } from '../support/killable-child';
import { makeTempDir } from '../support/temp-dir';

/**
 * Kills a sync (SIGKILL, as kill -9 or a power cut would) at each step that
 * changes a store file, and at moments inside git's own work, while it
 * merges a colleague's work (new articles, layers, an entity, the tagset)
 * with local edits (and as git writes each file of the store). After each kill the store opens as either the store
 * before the sync or the merged one, never a mix; and the next sync ends
 * where an uninterrupted one does, losing nothing of either side.
 */
const unavailable = gitUnavailableReason();
if (unavailable) console.log(`sync crash tests skipped: ${unavailable}`);
const KILLS = Number(process.env.FACTMARK_SYNC_KILLS ?? 12);
const TIMED_KILLS = Number(process.env.FACTMARK_SYNC_TIMED_KILLS ?? 4);

const author = (name: string) => ({ name, email: '' });
type Records = ReturnType<typeof snapshotFromStore>['records'];
const recordsOf = async (dir: string): Promise<Records> =>
  snapshotFromStore(treeToStoreContent(await storeFiles(dir))).records;

/** Opens the store as the app would (finishing an interrupted change) and closes it. */
async function openAndClose(dir: string): Promise<void> {
  const repo = await openLowdbRepository(dir, { onNotice: () => {} });
  await repo.close();
}

describe.skipIf(unavailable !== null)('a sync killed while it merges', () => {
  let server: GitTestServer;
  let root: string;
  let cleanup: () => Promise<void>;
  let child: string;
  let template: string;
  /** A clone with no work of its own: its sync is a fast-forward. */
  let plain: string;
  let plainBefore: Records;
  let before: Records;
  let merged: Records;
  let steps: number;
  let files: number;
  let fullMs: number;
  let trial = 0;

  beforeAll(async () => {
    server = await startGitServer();
    ({ dir: root, cleanup } = await makeTempDir('factmark-sync-crash-'));
    child = await bundleEntry(join(__dirname, '../crash/sync-crash-child.ts'), root, 'sync-crash-child');
    const url = server.url('project');
    const lead = join(root, 'lead');
    template = join(root, 'ana');
    const ids = await asMember(lead, 'lead', async (m) =>
      (await m.call<Article[]>('articles/list', {})).map((a) => a.id),
    );
    await publish(lead, url, { author: author('lead') });
    await cloneProject(url, template);
    plain = join(root, 'plain');
    await cloneProject(url, plain);
    plainBefore = await recordsOf(plain);
    // The lead's day: two new articles, annotations in three articles, an entity, a kind added to the tagset.
    await asMember(lead, 'lead', async (m) => {
      const files = ['Tehran talks resumed on Monday.', 'Baghdad hosted the ministers.'].map((text, i) => ({
        name: `new-${i}.txt`,
        content: Buffer.from(text).toString('base64'),
      }));
      await m.call('import/files', { format: 'articles', files });
      for (const [i, id] of ids.slice(0, 3).entries()) await annotateWord(m, id, i + 2);
      await addEntity(m, 'e-lead', 'Hossein Dehqan');
      const { tagset } = await m.call<{ tagset: { kinds: unknown[] } }>('store/status', {});
      await m.call('tagset/update', {
        tagset: {
          ...tagset,
          kinds: [...tagset.kinds, { kind: 'quote', label: 'Quote', color: '#7a5c00', attributes: [] }],
        },
      });
    });
    await sync(lead, { author: author('lead') });
    // Ana's offline work, not synced yet: the template every kill starts from.
    await asMember(template, 'ana', async (m) => {
      for (const id of ids.slice(1, 4)) await annotateWord(m, id, 7);
      await addEntity(m, 'e-ana', 'Erfan al-Hiyali');
    });
    before = await recordsOf(template);
    // The uninterrupted sync, counted and timed.
    const reference = join(root, 'reference');
    await cp(template, reference, { recursive: true });
    const started = performance.now();
    const { out } = await runKillableChild(child, [reference, '0', '0', '0']);
    fullMs = performance.now() - started;
    steps = Number(/steps (\d+)/.exec(out)?.[1]);
    files = Number(/files (\d+)/.exec(out)?.[1]);
    expect(out).toContain('status merged');
    merged = await recordsOf(reference);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('merges something: the lead’s and Ana’s work both, which the store before lacked', () => {
    expect(steps).toBeGreaterThan(3);
    expect(Object.keys(merged)).toEqual(expect.arrayContaining(Object.keys(before)));
    expect(Object.keys(merged).length).toBeGreaterThan(Object.keys(before).length + 4);
    expect(merged['entity/e-lead']).toBeDefined();
    expect(merged['entity/e-ana']).toBeDefined();
  });

  /** After a kill: the store opens as before or merged; the next sync ends merged and the remote has it all. */
  async function checkAfterKill(dir: string, killed: boolean, ends = { before, after: merged }): Promise<void> {
    await openAndClose(dir);
    expect(existsSync(join(dir, JOURNAL_NAME))).toBe(false);
    const now = await recordsOf(dir);
    if (killed) expect([ends.before, ends.after]).toContainEqual(now);
    const { out } = await runKillableChild(child, [dir, '0', '0', '0']);
    expect(out).toMatch(/status (merged|pushed|pulled|up-to-date)/);
    expect(await recordsOf(dir)).toEqual(ends.after);
    // What the remote holds now is the merge too: a fresh clone opens with it.
    const fresh = join(root, `fresh-${++trial}`);
    await cloneProject(server.url('project'), fresh);
    expect(await recordsOf(fresh)).toEqual(merged);
  }

  it('killed at each step that changes a store file: all or nothing, then the next sync finishes', async () => {
    const points = [...new Set(Array.from({ length: KILLS }, (_, i) => 1 + Math.floor((i * steps) / KILLS)))];
    for (const at of points) {
      const dir = join(root, `step-${at}`);
      await cp(template, dir, { recursive: true });
      const { killed } = await runKillableChild(child, [dir, String(at), '0', '0']);
      expect(killed, `killed at step ${at} of ${steps}`).toBe(true);
      await checkAfterKill(dir, true);
    }
  }, 600_000);

  it('killed as git writes the store’s files one by one: all or nothing, then the next sync finishes', async () => {
    expect(files).toBeGreaterThan(4);
    const points = [...new Set(Array.from({ length: KILLS }, (_, i) => 1 + Math.floor((i * files) / KILLS)))];
    for (const at of points) {
      const dir = join(root, `file-${at}`);
      await cp(template, dir, { recursive: true });
      const { killed } = await runKillableChild(child, [dir, '0', String(at), '0']);
      expect(killed, `killed at file ${at} of ${files}`).toBe(true);
      await checkAfterKill(dir, true);
    }
  }, 600_000);

  it('killed as a fast-forward writes the store’s files: all or nothing, then the next sync finishes', async () => {
    const reference = join(root, 'plain-reference');
    await cp(plain, reference, { recursive: true });
    const { out } = await runKillableChild(child, [reference, '0', '0', '0']);
    expect(out).toContain('status pulled');
    // What the remote holds by now (the tests before pushed merges): the colleagues' work at least.
    const pulled = await recordsOf(reference);
    expect(Object.keys(pulled)).toEqual(expect.arrayContaining(Object.keys(merged)));
    const count = Number(/files (\d+)/.exec(out)?.[1]);
    expect(count).toBeGreaterThan(4);
    const points = [...new Set(Array.from({ length: KILLS }, (_, i) => 1 + Math.floor((i * count) / KILLS)))];
    for (const at of points) {
      const dir = join(root, `plain-${at}`);
      await cp(plain, dir, { recursive: true });
      const { killed } = await runKillableChild(child, [dir, '0', String(at), '0']);
      expect(killed, `killed at file ${at} of ${count}`).toBe(true);
      await checkAfterKill(dir, true, { before: plainBefore, after: pulled });
    }
  }, 600_000);

  it('killed at moments inside git’s own work: all or nothing, then the next sync finishes', async () => {
    for (let i = 1; i <= TIMED_KILLS; i++) {
      const dir = join(root, `timed-${i}`);
      await cp(template, dir, { recursive: true });
      // Spread over the sync's duration, child start-up included.
      const delay = Math.max(1, Math.round((fullMs * i) / (TIMED_KILLS + 1)));
      const { killed } = await runKillableChild(child, [dir, '0', '0', String(delay)]);
      await checkAfterKill(dir, killed);
    }
  }, 600_000);
});
