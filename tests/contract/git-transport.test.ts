import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clone,
  commitAll,
  commitMerge,
  fastForward,
  fetch,
  headCommit,
  initRepository,
  isGitRemoteError,
  mergeBase,
  push,
  readTree,
  setRemote,
} from '../../annotations/node/git';
import type { GitRemoteError } from '../../annotations/node/git';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { makeTempDir } from '../support/temp-dir';

const unavailable = gitUnavailableReason();
if (unavailable) console.log(`git transport tests skipped: ${unavailable}`);

const lead = { name: 'Lea Lead', email: 'lea@example.org' };
const ana = { name: 'Ana', email: 'ana@example.org' };
const ben = { name: 'Ben', email: 'ben@example.org' };
const auth = { username: 'team', password: 'pa55-w0rd-secret' };
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const text = (files: Map<string, Uint8Array>) =>
  Object.fromEntries([...files].map(([path, content]) => [path, new TextDecoder().decode(content)]));

async function remoteError(promise: Promise<unknown>): Promise<GitRemoteError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isGitRemoteError(error)) throw new Error(`expected a GitRemoteError, got ${String(error)}`);
  return error;
}

/** Whether any file under the folder's `.git` holds `secret`. */
async function gitFolderHolds(dir: string, secret: string): Promise<boolean> {
  const entries = await readdir(join(dir, '.git'), { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    if ((await readFile(join(entry.parentPath, entry.name), 'latin1')).includes(secret)) return true;
  }
  return false;
}

describe.skipIf(unavailable !== null)('git transport against a loopback git http-backend', () => {
  let server: GitTestServer;
  let temp: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    server = await startGitServer({ auth });
    temp = await makeTempDir('factmark-git-team-');
  });
  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  it('publishes, clones twice, refuses a stale push, merges and fast-forwards', async () => {
    const url = server.url('team');
    const [leadDir, aDir, bDir] = ['lead', 'a', 'b'].map((name) => join(temp.dir, name)) as [string, string, string];

    await initRepository(leadDir, 'main');
    await writeFile(join(leadDir, 'tagset.json'), '{"kinds":[]}\n');
    const published = (await commitAll(leadDir, lead, 'Publish the project'))!;
    await setRemote(leadDir, url);
    expect(await fetch(leadDir, 'origin', { auth })).toEqual({ branch: 'main', remoteHead: null });
    expect(await push(leadDir, { auth })).toEqual({ branch: 'main', commit: published });

    await clone(url, aDir, { auth });
    await clone(url, bDir, { auth });
    expect(await headCommit(aDir)).toBe(published);
    expect(await headCommit(bDir)).toBe(published);

    await writeFile(join(aDir, 'ana.json'), '{"by":"ana"}\n');
    const ours = (await commitAll(aDir, ana, 'Ana annotates'))!;
    await writeFile(join(bDir, 'ben.json'), '{"by":"ben"}\n');
    const bens = (await commitAll(bDir, ben, 'Ben annotates'))!;
    await push(aDir, { auth });

    const rejected = await remoteError(push(bDir, { auth }));
    expect(rejected.code).toBe('push-rejected');
    expect(rejected.message).toContain(url);
    expect(rejected.message).toMatch(/not a fast-forward/);

    const { remoteHead } = await fetch(bDir, 'origin', { auth });
    expect(remoteHead).toBe(ours);
    const base = (await mergeBase(bDir, bens, remoteHead!))!;
    expect(base).toBe(published);
    const baseFiles = await readTree(bDir, base);
    const ourFiles = await readTree(bDir, bens);
    const theirFiles = await readTree(bDir, remoteHead!);
    expect(Object.keys(text(baseFiles))).toEqual(['tagset.json']);
    const union = new Map([...baseFiles, ...ourFiles, ...theirFiles]);
    const merge = await commitMerge(bDir, [bens, remoteHead!], union, ben, 'Merge Ana');
    expect(await readFile(join(bDir, 'ana.json'), 'utf8')).toBe('{"by":"ana"}\n');
    await push(bDir, { auth });

    const forA = await fetch(aDir, url, { auth });
    expect(forA.remoteHead).toBe(merge);
    await fastForward(aDir, forA.remoteHead!);
    expect(await headCommit(aDir)).toBe(merge);
    expect(text(await readTree(aDir, merge))).toEqual({
      'ana.json': '{"by":"ana"}\n',
      'ben.json': '{"by":"ben"}\n',
      'tagset.json': '{"kinds":[]}\n',
    });
    expect(await readFile(join(aDir, 'ben.json'), 'utf8')).toBe('{"by":"ben"}\n');

    const bare = ['--git-dir', server.gitDir('team')];
    expect(git(...bare, 'rev-list', '--parents', '-n', '1', 'main')).toBe(`${merge} ${bens} ${ours}`);
    git(...bare, 'fsck', '--strict');

    for (const dir of [leadDir, aDir, bDir]) {
      expect(await readFile(join(dir, '.git', 'config'), 'utf8')).toContain(`url = ${url}`);
      expect(await gitFolderHolds(dir, auth.password)).toBe(false);
    }
  });

  it('a wrong password or none is an auth error that never shows the password', async () => {
    const url = server.url('auth');
    const dir = join(temp.dir, 'auth');
    const wrong = { username: 'team', password: 'wrong-secret-42' };
    const refused = await remoteError(clone(url, dir, { auth: wrong }));
    expect(existsSync(dir), 'a failed clone leaves no folder behind').toBe(false);
    expect(refused.code).toBe('auth-failed');
    expect(refused.message).toBe(`The remote ${url} refused the credentials given (HTTP 401).`);
    expect(refused.message).not.toContain(wrong.password);
    const none = await remoteError(clone(url, join(temp.dir, 'auth-none')));
    expect(none.code).toBe('auth-failed');
    expect(none.message).toMatch(/asks for credentials and none were given/);
    const token = await remoteError(clone(url, join(temp.dir, 'auth-token'), { auth: { token: 'tok-3' } }));
    expect(token.message).not.toContain('tok-3');
  });

  it('takes an access token as the password', async () => {
    const tokenServer = await startGitServer({ auth: { username: 'x-access-token', password: 'tok-ok-7' } });
    try {
      const url = tokenServer.url('token');
      const dir = join(temp.dir, 'token');
      await initRepository(dir, 'main');
      await writeFile(join(dir, 'a.json'), '1\n');
      const commit = (await commitAll(dir, lead, 'first'))!;
      await setRemote(dir, url);
      await push(dir, { auth: { token: 'tok-ok-7' } });
      expect(await fetch(dir, 'origin', { auth: { token: 'tok-ok-7' } })).toEqual({
        branch: 'main',
        remoteHead: commit,
      });
      expect(await gitFolderHolds(dir, 'tok-ok-7')).toBe(false);
    } finally {
      await tokenServer.close();
    }
  });

  it('clones only into a new or empty folder', async () => {
    const url = server.url('fresh');
    const published = join(temp.dir, 'fresh-lead');
    await initRepository(published, 'main');
    await writeFile(join(published, 'tagset.json'), '{"kinds":[]}\n');
    await commitAll(published, lead, 'Publish the project');
    await setRemote(published, url);
    await push(published, { auth });
    const full = join(temp.dir, 'full');
    await mkdir(full);
    await writeFile(join(full, 'notes.txt'), 'mine\n');
    await expect(clone(url, full, { auth })).rejects.toThrow(`Cannot clone into ${full}: the folder is not empty.`);
    expect(await readdir(full)).toEqual(['notes.txt']);
    const empty = join(temp.dir, 'empty');
    await mkdir(empty);
    await clone(url, empty, { auth });
    expect(await readFile(join(empty, 'tagset.json'), 'utf8')).toBe('{"kinds":[]}\n');
  });

  it('a push the remote refuses for its own reasons is a remote error with the reason', async () => {
    const url = server.url('hooked');
    const hook = join(server.gitDir('hooked'), 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "the project is archived" >&2\nexit 1\n', { mode: 0o755 });
    const dir = join(temp.dir, 'hooked');
    await initRepository(dir, 'main');
    await writeFile(join(dir, 'a.json'), '1\n');
    await commitAll(dir, lead, 'first');
    await setRemote(dir, url);
    const error = await remoteError(push(dir, { auth }));
    expect(error.code).toBe('remote-failed');
    expect(error.message).toBe(`The remote ${url} refused the push (refs/heads/main: pre-receive hook declined).`);
  });

  it('refuses a URL that carries credentials, so they never reach .git/config', async () => {
    const url = server.url('inline').replace('http://', `http://team:${auth.password}@`);
    const error = await remoteError(clone(url, join(temp.dir, 'inline')));
    expect(error.message).toMatch(/carries credentials; give them separately/);
    expect(error.message).not.toContain(auth.password);
  });

  it('a server that is down is a network error naming the remote', async () => {
    const down = await startGitServer();
    const url = down.url('gone');
    await down.close();
    const error = await remoteError(clone(url, join(temp.dir, 'down'), { auth }));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`Cannot reach the remote ${url}: the connection was refused.`);
  });

  it('a server that stops sending halfway is a network error after the timeout', async () => {
    const stalling = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-git-upload-pack-advertisement' });
      res.write('001e# service=git-upload-pack\n');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/stalls.git`;
    try {
      const error = await remoteError(clone(url, join(temp.dir, 'stalls'), { auth, timeoutMs: 300 }));
      expect(error.code).toBe('network');
      expect(error.message).toBe(`Cannot reach the remote ${url}: no answer within 0.3 s.`);
      expect(existsSync(join(temp.dir, 'stalls')), 'a failed clone leaves no folder behind').toBe(false);
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });

  it('a server that never answers is a network error after the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slow.git`;
    try {
      const started = Date.now();
      const error = await remoteError(clone(url, join(temp.dir, 'slow'), { auth, timeoutMs: 300 }));
      expect(error.code).toBe('network');
      expect(error.message).toBe(`Cannot reach the remote ${url}: no answer within 0.3 s.`);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });
});
