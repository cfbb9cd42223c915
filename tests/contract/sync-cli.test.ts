import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fs from 'node:fs';
import git from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRemote } from '../../annotations/node/git';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { addEntity, annotateWord, asMember, openMember } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

const unavailable = gitUnavailableReason();
if (unavailable) console.log(`sync command line tests skipped: ${unavailable}`);

const password = 'pa55-w0rd-secret';
const auth = { username: 'team', password };

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the built command line (`npm test` builds it first) without blocking: the git server answers in this process. */
function factmark(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['dist/cli.mjs', ...args],
      { env: { ...process.env, FACTMARK_GIT_PASSWORD: '', FACTMARK_GIT_TOKEN: '', ...env }, encoding: 'utf8' },
      (_error, out, err) => resolve({ code: child.exitCode, out, err }),
    );
  });
}

/** Every file under a folder (its .git included) holding `secret`. */
async function filesHolding(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && (await readFile(join(entry.parentPath, entry.name), 'latin1')).includes(secret))
      found.push(join(entry.parentPath, entry.name));
  return found;
}

describe.skipIf(unavailable !== null)('factmark publish, clone and sync', () => {
  let server: GitTestServer;
  let temp: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    server = await startGitServer({ auth });
    temp = await makeTempDir('factmark-sync-cli-');
  });
  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  it('publishes, clones, syncs and says with its exit code what happened', async () => {
    const url = server.url('cli');
    const lead = join(temp.dir, 'lead');
    const ana = join(temp.dir, 'ana');
    const withPassword = { FACTMARK_GIT_PASSWORD: password, FACTMARK_ANNOTATOR: 'lead' };
    await asMember(lead, 'lead', (m) => addEntity(m, 'ent-x', 'Dehqan'));

    // Bad usage, before anything is sent.
    expect((await factmark({}, 'clone', url)).code).toBe(2);
    expect((await factmark({}, 'publish', '--store', lead)).code).toBe(2);
    expect((await factmark({}, 'sync', 'extra', '--store', lead)).code).toBe(2);
    const noSecret = await factmark({}, 'publish', url, '--store', lead, '--user', 'team');
    expect(noSecret).toMatchObject({ code: 2, err: expect.stringContaining('FACTMARK_GIT_PASSWORD') });

    const refused = await factmark({}, 'publish', url, '--store', lead);
    expect(refused).toMatchObject({ code: 4, err: expect.stringContaining('asks for credentials') });
    const published = await factmark(withPassword, 'publish', url, '--store', lead, '--user', 'team');
    expect(published).toMatchObject({ code: 0, out: expect.stringContaining('published') });

    const cloned = await factmark({ FACTMARK_GIT_TOKEN: password }, 'clone', url, '--store', ana, '--user', 'team');
    expect(cloned).toMatchObject({ code: 0, out: expect.stringContaining(`into ${ana}`) });

    const [first] = await asMember(ana, 'ana', (m) => m.call<{ id: string }[]>('articles/list', {}));
    await asMember(ana, 'ana', (m) => annotateWord(m, first!.id, 2));
    const anaEnv = { FACTMARK_GIT_PASSWORD: password, FACTMARK_ANNOTATOR: 'ana' };
    expect(await factmark(anaEnv, 'sync', '--store', ana, '--user', 'team')).toMatchObject({
      code: 0,
      out: expect.stringContaining('sent your work'),
    });
    const [last] = await git.log({ fs, dir: ana, depth: 1 });
    expect(last!.commit.author.name).toBe('ana');
    expect(await factmark(withPassword, 'sync', '--store', lead, '--user', 'team')).toMatchObject({
      code: 0,
      out: expect.stringContaining('brought in'),
    });

    // The same entity renamed two ways: a conflict to resolve, exit code 1.
    await asMember(lead, 'lead', (m) => m.call('entities/update', { id: 'ent-x', name: 'General Dehqan' }));
    await asMember(ana, 'ana', (m) => m.call('entities/update', { id: 'ent-x', name: 'Hossein Dehqan' }));
    expect((await factmark(withPassword, 'sync', '--store', lead, '--user', 'team')).code).toBe(0);
    const conflict = await factmark(anaEnv, 'sync', '--store', ana, '--user', 'team');
    expect(conflict.code).toBe(1);
    expect(conflict.out).toContain('1 conflict(s) to resolve; nothing in the store changed:');
    expect(conflict.out).toContain('entity "Hossein Dehqan": changed differently on both sides');
    expect(conflict.out).toContain('ent-x');
    expect(conflict.out).toContain('factmark sync --choose KEY=CHOICE');
    const badChoice = await factmark(anaEnv, 'sync', '--store', ana, '--user', 'team', '--choose', 'entity/ent-x=mine');
    expect(badChoice).toMatchObject({ code: 2, err: expect.stringContaining('CHOICE one of ours, theirs') });
    expect((await factmark(anaEnv, 'publish', 'http://x/y.git', '--store', ana, '--choose', 'a=ours')).code).toBe(2);
    const chosen = await factmark(anaEnv, 'sync', '--store', ana, '--user', 'team', '--choose', 'entity/ent-x=theirs');
    expect(chosen).toMatchObject({ code: 0, out: expect.stringContaining('merged your work') });
    const kept = await asMember(ana, 'ana', (m) => m.call<{ id: string; name: string }[]>('entities/list', {}));
    expect(kept.find((e) => e.id === 'ent-x')?.name).toBe('General Dehqan');

    // The store open elsewhere: exit code 3.
    const open = await openMember(ana, 'ana');
    try {
      expect((await factmark(anaEnv, 'sync', '--store', ana, '--user', 'team')).code).toBe(3);
    } finally {
      await open.close();
    }

    // The remote out of reach: exit code 4, the work kept.
    await setRemote(ana, 'http://127.0.0.1:9/nowhere.git');
    const unreachable = await factmark(anaEnv, 'sync', '--store', ana, '--user', 'team');
    expect(unreachable).toMatchObject({ code: 4, err: expect.stringContaining('nothing was lost') });

    // The password went nowhere.
    expect(await filesHolding(temp.dir, password)).toEqual([]);
  }, 120_000);
});
