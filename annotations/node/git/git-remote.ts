import fs from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { GitRemoteError, GitWorkingFolderError, displayRemote } from './git-errors';
import type { AuthCallback, HttpClient } from 'isomorphic-git';
import { DEFAULT_TIMEOUT_MS, authCallback, checkRemoteUrl, httpClient, remoteError } from './git-http';
import type { GitRemoteOptions } from './git-http';
import { checkoutHead, currentBranch, headCommit } from './git-repository';

/** What a fetch found: the remote's commit for the current branch, or null when the remote has none yet. */
export interface FetchResult {
  branch: string;
  remoteHead: string | null;
}

/** What a push sent: the branch and the commit the remote now has. */
export interface PushResult {
  branch: string;
  commit: string;
}

function isUrl(remote: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(remote);
}

async function remoteUrl(dir: string, remote: string): Promise<string> {
  const url = (await git.getConfig({ fs, dir, path: `remote.${remote}.url` })) as unknown;
  if (typeof url !== 'string' || url === '')
    throw new GitRemoteError('remote-failed', remote, `The folder ${dir} has no remote named ${remote}.`);
  return url;
}

type Transport = { fs: typeof fs; http: HttpClient; onAuth: AuthCallback | undefined };

/** Runs one exchange with `url`, turning any failure (even one isomorphic-git let pass) into a GitRemoteError. */
async function exchange<T>(
  url: string,
  options: GitRemoteOptions,
  run: (transport: Transport) => Promise<T>,
): Promise<T> {
  const http = httpClient(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let result: T;
  try {
    result = await run({ fs, http, onAuth: authCallback(options.auth) });
  } catch (error) {
    throw remoteError(http.failure ?? error, url, options.auth);
  }
  if (http.failure) throw remoteError(http.failure, url, options.auth);
  return result;
}

/** Names the remote a folder syncs with (`origin` unless told). Credentials never go into the URL. */
export async function setRemote(dir: string, url: string, name = 'origin'): Promise<void> {
  checkRemoteUrl(url);
  await git.addRemote({ fs, dir, remote: name, url, force: true });
}

/**
 * Clones `url` into `dir`, which must be new or empty, with `origin` pointing at it. A failed clone
 * leaves `dir` as it found it.
 */
export async function clone(url: string, dir: string, options: GitRemoteOptions = {}): Promise<void> {
  checkRemoteUrl(url);
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && existing.length > 0)
    throw new GitWorkingFolderError(dir, `Cannot clone into ${dir}: the folder is not empty.`);
  try {
    // isomorphic-git's own checkout writes every file at once, which runs out of file handles on a big
    // store: the files are written a few at a time once the objects are in.
    await exchange(url, options, (transport) =>
      git.clone({ ...transport, dir, url, singleBranch: true, noCheckout: true }),
    );
    await checkoutHead(dir);
  } catch (error) {
    if (existing)
      await Promise.all((await readdir(dir)).map((name) => rm(join(dir, name), { recursive: true, force: true })));
    else await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Fetches the current branch from `remote` (a remote's name or a URL) without touching the working folder.
 * Returns the remote's commit for the branch.
 */
export async function fetch(dir: string, remote: string, options: GitRemoteOptions = {}): Promise<FetchResult> {
  const url = isUrl(remote) ? remote : await remoteUrl(dir, remote);
  checkRemoteUrl(url);
  const branch = await currentBranch(dir);
  // Protocol version 1 lists the refs in its first answer, so an empty remote is told apart from an error.
  const info = await exchange(url, options, (transport) =>
    git.getRemoteInfo2({ ...transport, url, protocolVersion: 1 }),
  );
  if (!info.refs?.some((ref) => ref.ref === `refs/heads/${branch}`)) return { branch, remoteHead: null };
  const target = isUrl(remote) ? { url } : { remote };
  // Not `singleBranch`: with it, isomorphic-git tells the remote it has only the local branch's commit,
  // which after a local commit the remote does not know, and gets the project's whole history back.
  // Without it, the remote-tracking branches are offered too and only the new objects come.
  const result = await exchange(url, options, (transport) =>
    git.fetch({ ...transport, dir, ...target, ref: branch, singleBranch: false, tags: false }),
  );
  return { branch, remoteHead: result.fetchHead };
}

/** Pushes the current branch to `remote` (`origin` unless told). A remote with newer commits refuses it. */
export async function push(dir: string, options: GitRemoteOptions & { remote?: string } = {}): Promise<PushResult> {
  const remote = options.remote ?? 'origin';
  const url = await remoteUrl(dir, remote);
  const branch = await currentBranch(dir);
  const commit = await headCommit(dir);
  if (!commit)
    throw new GitRemoteError('remote-failed', displayRemote(url), `The folder ${dir} has nothing to push yet.`);
  await exchange(url, options, (transport) => git.push({ ...transport, dir, remote, ref: branch }));
  return { branch, commit };
}
