import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, Entity } from '../../annotations/model';
import type { ProjectStatus, SyncOutcome } from '../../annotations/project';
import { PENDING_MERGE_PATH } from '../../annotations/node/sync';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { addEntity, annotateWord, openMember, storeFiles } from '../support/sync-team';
import type { Member } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

const unavailable = gitUnavailableReason();
if (unavailable) console.log(`in-app sync tests skipped: ${unavailable}`);

const credentials = { username: 'team', password: 'pa55-w0rd-secret' };

/**
 * The app syncs with its store open: the project operations take the store
 * for themselves (no edit runs meanwhile), and what the sync brought in is
 * what the handlers read next, with no restart.
 */
describe.skipIf(unavailable !== null)('syncing from the app, with the store open', () => {
  let server: GitTestServer;
  let temp: { dir: string; cleanup: () => Promise<void> };
  let url: string;
  let lead: Member;
  let ana: Member;
  let ids: string[];
  const switched: string[] = [];

  beforeAll(async () => {
    server = await startGitServer({ auth: credentials });
    temp = await makeTempDir('factmark-sync-app-');
    url = server.url('project');
    lead = await openMember(join(temp.dir, 'lead'), 'lead');
    ids = (await lead.call<Article[]>('articles/list', {})).map((a) => a.id);
    // Ana starts from a store of her own (the sample corpus) and clones the project in the app.
    ana = await openMember(join(temp.dir, 'ana', 'store'), 'ana', { onSwitch: (dir) => switched.push(dir) });
  }, 60_000);
  afterAll(async () => {
    await lead?.close();
    await ana?.close();
    await server?.close();
    await temp?.cleanup();
  });

  it('tells a store that is not shared, and refuses to sync it with a sentence that says what to do', async () => {
    const status = await lead.call<ProjectStatus>('project/status', {});
    expect(status).toMatchObject({ shared: false, remote: null, conflicts: [], lastSync: null, author: 'lead' });
    await expect(lead.call('project/sync', {})).rejects.toThrow(/not part of a team project yet: publish it/);
  });

  it('refuses credentials in the URL before anything runs', async () => {
    const withPassword = url.replace('://', '://team:secret@');
    await expect(lead.call('project/publish', { url: withPassword })).rejects.toThrow(/must not carry a user/);
    expect(existsSync(join(temp.dir, 'lead', '.git'))).toBe(false);
  });

  it('reports refused credentials as an outcome that loses nothing, and keeps no credentials that failed', async () => {
    const outcome = await lead.call<SyncOutcome>('project/publish', {
      url,
      credentials: { username: 'team', password: 'wrong' },
      remember: true,
    });
    expect(outcome).toMatchObject({ status: 'failed', reason: 'auth-failed' });
    expect(outcome.message).toMatch(/nothing was lost/);
    expect(outcome.message).not.toContain('wrong');
    expect(outcome.project.credentials).toBeNull();
  });

  it('publishes the open store, keeping the credentials for the session only when asked', async () => {
    const outcome = await lead.call<SyncOutcome>('project/publish', { url, credentials, remember: true });
    expect(outcome.status).toBe('published');
    expect(outcome.project).toMatchObject({ shared: true, remote: url, credentials: 'session', keychain: false });
    // Credentials never land in the store.
    for (const [path, bytes] of await storeFiles(join(temp.dir, 'lead')))
      expect(Buffer.from(bytes).toString('utf8'), path).not.toContain(credentials.password);
    const gitConfig = await readFile(join(temp.dir, 'lead', '.git', 'config'), 'utf8');
    expect(gitConfig).not.toContain(credentials.password);
  });

  it('clones the project in the app and goes on with the clone open in place of the old store', async () => {
    const outcome = await ana.call<SyncOutcome>('project/clone', { url, credentials, remember: true });
    expect(outcome.status).toBe('cloned');
    expect(outcome.storeDir).toBe(join(temp.dir, 'ana', 'project'));
    // The app is told, so that its next start opens the clone.
    expect(switched).toEqual([join(temp.dir, 'ana', 'project')]);
    expect((await ana.call<ProjectStatus>('project/status', {})).shared).toBe(true);
    expect((await ana.call<Article[]>('articles/list', {})).map((a) => a.id)).toEqual(ids);
    // The old store is let go and left as it was.
    expect(existsSync(join(temp.dir, 'ana', 'store', 'index.json'))).toBe(true);
    expect(existsSync(join(temp.dir, 'ana', 'store', 'store.lock', 'held'))).toBe(false);
  });

  it('brings a colleague’s work into the open store at once, edits after it saved and synced', async () => {
    const mention = await annotateWord(ana, ids[0]!, 3);
    expect((await ana.call<SyncOutcome>('project/sync', {})).status).toBe('pushed');
    const pulled = await lead.call<SyncOutcome>('project/sync', {});
    expect(pulled.status).toBe('pulled');
    const layer = await lead.call<{ annotations: { id: string }[] }>('annotations/list', { articleId: ids[0] });
    expect(layer.annotations.map((a) => a.id)).toContain(mention.id);
    // The lead edits on after the pull, and it syncs back.
    await annotateWord(lead, ids[0]!, 5);
    expect((await lead.call<SyncOutcome>('project/sync', {})).status).toBe('pushed');
    expect((await ana.call<SyncOutcome>('project/sync', {})).status).toBe('pulled');
    const seen = await ana.call<{ annotations: { annotator: string }[] }>('annotations/list', { articleId: ids[0] });
    expect(seen.annotations.map((a) => a.annotator).sort()).toEqual(['ana', 'lead']);
  });

  it('shows a conflict on one entity with both versions, changes nothing until chosen, then takes the choice', async () => {
    await addEntity(lead, 'e-minister', 'Hossein Dehghan');
    await lead.call('project/sync', {});
    await ana.call('project/sync', {});
    await lead.call('entities/update', { id: 'e-minister', name: 'Hossein Dehqan' });
    await ana.call('entities/update', { id: 'e-minister', name: 'Hossein Dehghan (minister)' });
    expect((await lead.call<SyncOutcome>('project/sync', {})).status).toBe('pushed');

    const stopped = await ana.call<SyncOutcome>('project/sync', {});
    expect(stopped.status).toBe('conflicts');
    const [view] = stopped.project.conflicts;
    expect(view).toMatchObject({ key: 'entity/e-minister', choices: ['ours', 'theirs'] });
    expect(view!.conflict).toMatchObject({
      type: 'record',
      ours: { value: { name: 'Hossein Dehghan (minister)' } },
      theirs: { value: { name: 'Hossein Dehqan' } },
    });
    // Nothing changed in the store, and the conflict survives a restart of the app (it is kept under local/).
    const entity = (await ana.call<Entity[]>('entities/list', {})).find((e) => e.id === 'e-minister');
    expect(entity?.name).toBe('Hossein Dehghan (minister)');
    expect(existsSync(join(temp.dir, 'ana', 'project', PENDING_MERGE_PATH))).toBe(true);
    expect((await ana.call<ProjectStatus>('project/status', {})).conflicts.map((c) => c.key)).toEqual([
      'entity/e-minister',
    ]);

    const resolved = await ana.call<SyncOutcome>('project/sync', { choices: { 'entity/e-minister': 'theirs' } });
    expect(resolved.status).toBe('merged');
    expect(resolved.project.conflicts).toEqual([]);
    const after = (await ana.call<Entity[]>('entities/list', {})).find((e) => e.id === 'e-minister');
    expect(after?.name).toBe('Hossein Dehqan');
    await lead.call('project/sync', {});
    const lead_ = (await lead.call<Entity[]>('entities/list', {})).find((e) => e.id === 'e-minister');
    expect(lead_?.name).toBe('Hossein Dehqan');
  });

  it('forgets kept credentials on request, and then says a sync needs them', async () => {
    const forgotten = await ana.call<ProjectStatus>('project/forget-credentials', {});
    expect(forgotten.credentials).toBeNull();
    const outcome = await ana.call<SyncOutcome>('project/sync', {});
    expect(outcome).toMatchObject({ status: 'failed', reason: 'auth-failed' });
    const status = await ana.call<ProjectStatus>('project/status', {});
    expect(status.lastError).toMatchObject({ code: 'auth-failed' });
    expect((await ana.call<SyncOutcome>('project/sync', { credentials })).status).toBe('up-to-date');
    expect((await ana.call<ProjectStatus>('project/status', {})).lastError).toBeNull();
  });
});
