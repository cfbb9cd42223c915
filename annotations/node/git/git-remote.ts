import fs from 'node:fs';
import git from 'isomorphic-git';
import { GitRemoteError, displayRemote } from './git-errors';
import { DEFAULT_TIMEOUT_MS, authCallback, checkRemoteUrl, httpClient, remoteError } from './git-http';
import type { GitRemoteOptions } from './git-http';
import { currentBranch, headCommit } from './git-repository';

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

function transport(options: GitRemoteOptions) {
  return { fs, http: httpClient(options.timeoutMs ?? DEFAULT_TIMEOUT_MS), onAuth: authCallback(options.auth) };
}

/** Names the remote a folder syncs with (`origin` unless told). Credentials never go into the URL. */
export async function setRemote(dir: string, url: string, name = 'origin'): Promise<void> {
  checkRemoteUrl(url);
  await git.addRemote({ fs, dir, remote: name, url, force: true });
}

/** Clones `url` into the new folder `dir`, with `origin` pointing at it. */
export async function clone(url: string, dir: string, options: GitRemoteOptions = {}): Promise<void> {
  checkRemoteUrl(url);
  try {
    await git.clone({ ...transport(options), dir, url, singleBranch: true });
  } catch (error) {
    throw remoteError(error, url, options.auth);
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
  let info;
  try {
    info = await git.getRemoteInfo2({ ...transport(options), url, protocolVersion: 1 });
  } catch (error) {
    throw remoteError(error, url, options.auth);
  }
  if (!info.refs?.some((ref) => ref.ref === `refs/heads/${branch}`)) return { branch, remoteHead: null };
  try {
    const result = await git.fetch({
      ...transport(options),
      dir,
      ...(isUrl(remote) ? { url } : { remote }),
      ref: branch,
      singleBranch: true,
      tags: false,
    });
    return { branch, remoteHead: result.fetchHead };
  } catch (error) {
    throw remoteError(error, url, options.auth);
  }
}

/** Pushes the current branch to `remote` (`origin` unless told). A remote with newer commits refuses it. */
export async function push(dir: string, options: GitRemoteOptions & { remote?: string } = {}): Promise<PushResult> {
  const remote = options.remote ?? 'origin';
  const url = await remoteUrl(dir, remote);
  const branch = await currentBranch(dir);
  const commit = await headCommit(dir);
  if (!commit)
    throw new GitRemoteError('remote-failed', displayRemote(url), `The folder ${dir} has nothing to push yet.`);
  try {
    await git.push({ ...transport(options), dir, remote, ref: branch });
  } catch (error) {
    throw remoteError(error, url, options.auth);
  }
  return { branch, commit };
}
