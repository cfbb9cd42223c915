import fs from 'node:fs';
import git from 'isomorphic-git';
import { GitWorkingFolderError } from './git-errors';
import { checkoutTree } from './git-checkout';
import { withIndex } from './git-index';
import type { GitIndex } from './git-index';
import { mapLimit } from '../map-limit';
import { FILE_MODE, OPEN_FILES, blobId, commitTree } from './git-objects';
import { readBlob } from './git-object-reader';
import { diffTrees, folderOf, writeMissing } from './git-tree';
import type { TreeMemo } from './git-tree';
import { readWorkingFolder } from './git-working-folder';
import type { WorkingTree } from './git-working-folder';

export { isIgnored } from './git-working-folder';

/** Who a commit is by; the annotator, in a store. */
export interface GitAuthor {
  name: string;
  email: string;
}

/**
 * Paths a commit leaves out: a string names a file or a folder (and all under it), relative to the
 * working folder with `/`; a RegExp is tested against the whole relative path.
 */
export type GitIgnoreList = readonly (string | RegExp)[];

export interface WorkingFolderOptions {
  ignore?: GitIgnoreList;
}

/** Makes `dir` a git working folder whose first branch is `defaultBranch`. */
export async function initRepository(dir: string, defaultBranch = 'main'): Promise<void> {
  await git.init({ fs, dir, defaultBranch });
}

/** The commit the working folder is at, or null before its first commit. */
export async function headCommit(dir: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, dir, ref: 'HEAD' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NotFoundError') return null;
    throw error;
  }
}

/** The branch the working folder is on. */
export async function currentBranch(dir: string): Promise<string> {
  const branch = await git.currentBranch({ fs, dir });
  if (!branch) throw new GitWorkingFolderError(dir, `The folder ${dir} is not on a branch.`);
  return branch;
}

interface WorkingFolderState {
  index: GitIndex;
  working: WorkingTree;
  head: string | null;
  headTree: string | null;
  cache: object;
}

/**
 * Runs `work` on the working folder as it stands against its last commit; with `stage`, the index
 * first takes the working folder's files (see {@link readWorkingFolder}). The index is written once, after.
 */
async function withWorkingFolder<T>(
  dir: string,
  options: WorkingFolderOptions,
  stage: boolean,
  work: (state: WorkingFolderState) => Promise<T>,
): Promise<T> {
  const cache = {};
  return withIndex(dir, async (index, indexTime) => {
    const working = await readWorkingFolder(dir, index, indexTime, options.ignore ?? [], stage);
    const head = await headCommit(dir);
    const headTree = head ? await commitTree(dir, head, cache) : null;
    return work({ index, working, head, headTree, cache });
  });
}

const pendingPaths = async (dir: string, { working, headTree, cache }: WorkingFolderState): Promise<string[]> =>
  (await diffTrees(dir, headTree, working.tree, working.memo, cache)).map((change) => change.path).sort();

/** Paths that differ from the last commit (added, changed or deleted), leaving out the ignore list. */
export async function changedPaths(dir: string, options: WorkingFolderOptions = {}): Promise<string[]> {
  return withWorkingFolder(dir, options, false, (state) => pendingPaths(dir, state));
}

/** Writes a commit of `tree` and returns its id. */
async function writeCommit(
  dir: string,
  tree: string,
  parent: readonly string[],
  author: GitAuthor,
  message: string,
): Promise<string> {
  const now = new Date();
  const signature = {
    ...author,
    timestamp: Math.floor(now.getTime() / 1000),
    timezoneOffset: now.getTimezoneOffset(),
  };
  return git.writeCommit({
    fs,
    dir,
    commit: {
      message: message.endsWith('\n') ? message : `${message}\n`,
      tree,
      parent: [...parent],
      author: signature,
      committer: signature,
    },
  });
}

/** Points the current branch at `commitId`. */
async function moveBranch(dir: string, commitId: string): Promise<void> {
  const branch = await currentBranch(dir);
  await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: commitId, force: true });
}

/**
 * Stages every addition, change and deletion outside the ignore list and commits them.
 * Returns the new commit's id, or null when nothing changed since the last commit.
 *
 * Only files whose size, times or inode differ from what the index recorded are read, and only the
 * folders that changed get new trees, so a commit costs a look at every file's stat plus the changes.
 */
export async function commitAll(
  dir: string,
  author: GitAuthor,
  message: string,
  options: WorkingFolderOptions = {},
): Promise<string | null> {
  const commit = await withWorkingFolder(dir, options, true, async ({ working, head, headTree, cache }) => {
    const nothing = head === null && working.folder.files.size === 0 && working.folder.folders.size === 0;
    if (nothing || working.tree === headTree) return null;
    await writeMissing(dir, working.folder, [headTree], null, cache);
    return writeCommit(dir, working.tree, head ? [head] : [], author, message);
  });
  // After the index: a commit whose index was not written would look like local changes, not lose them.
  if (commit) await moveBranch(dir, commit);
  return commit;
}

/** The files of a commit: path (with `/`) to content. */
export async function readTree(dir: string, commitId: string): Promise<Map<string, Uint8Array>> {
  const cache = {};
  const changes = await diffTrees(dir, null, await commitTree(dir, commitId, cache), new Map(), cache);
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blobs = await mapLimit(changes, OPEN_FILES, async (change) => {
    return readBlob(dir, change.to!, cache, change.path);
  });
  return new Map(changes.map((change, i) => [change.path, blobs[i]!]));
}

/** The files that differ between two commits: each side's content of them (a side lacking a file lacks it here too). */
export interface CommitChanges {
  from: Map<string, Uint8Array>;
  to: Map<string, Uint8Array>;
}

/**
 * The files that differ between two commits, read without the files they share: what a fast-forward
 * changes, at the cost of the change rather than of the whole tree.
 */
export async function readChanges(dir: string, fromCommit: string, toCommit: string): Promise<CommitChanges> {
  const cache = {};
  const [fromTree, toTree] = await Promise.all([commitTree(dir, fromCommit, cache), commitTree(dir, toCommit, cache)]);
  const changes = await diffTrees(dir, fromTree, toTree, new Map(), cache);
  const result: CommitChanges = { from: new Map(), to: new Map() };
  await mapLimit(changes, OPEN_FILES, async (change) => {
    if (change.from) result.from.set(change.path, await readBlob(dir, change.from, cache, change.path));
    if (change.to) result.to.set(change.path, await readBlob(dir, change.to, cache, change.path));
  });
  return result;
}

/** The best common ancestor of two commits, or null when their histories never meet. */
export async function mergeBase(dir: string, a: string, b: string): Promise<string | null> {
  const bases = await git.findMergeBase({ fs, dir, oids: [a, b] });
  return (bases[0] as string | undefined) ?? null;
}

/** Whether `commitId` already contains `ancestor` (so moving from `ancestor` to it is a fast-forward). */
export async function isAncestor(dir: string, ancestor: string, commitId: string): Promise<boolean> {
  if (ancestor === commitId) return true;
  return git.isDescendent({ fs, dir, oid: commitId, ancestor, depth: -1 });
}

/** Throws when the working folder has changes its last commit lacks: moving it would lose them. */
async function refusePending(dir: string, state: WorkingFolderState): Promise<void> {
  const pending = await pendingPaths(dir, state);
  if (pending.length > 0)
    throw new GitWorkingFolderError(
      dir,
      `The folder ${dir} has changes not yet committed (${pending.slice(0, 5).join(', ')}${pending.length > 5 ? ', …' : ''}); commit them first.`,
    );
}

/**
 * Moves the current branch and the working folder to a commit (`prepare` makes it, once the folder is
 * known to hold no uncommitted changes); refuses, changing nothing, when local changes would be lost.
 * Only the files that differ are written. The branch moves first, as with isomorphic-git's checkout: a
 * move cut short is finished from the sync's journal, which writes the new commit's files.
 */
async function moveTo(
  dir: string,
  options: WorkingFolderOptions,
  prepare: (state: WorkingFolderState) => Promise<string>,
): Promise<string> {
  return withWorkingFolder(dir, options, false, async (state) => {
    await refusePending(dir, state);
    const target = await prepare(state);
    await moveBranch(dir, target);
    await checkoutTree(dir, state.index, state.headTree, await commitTree(dir, target, state.cache), state.cache);
    return target;
  });
}

/** Brings the working folder forward to `commitId`, which must contain the current commit. */
export async function fastForward(dir: string, commitId: string, options: WorkingFolderOptions = {}): Promise<void> {
  const head = await headCommit(dir);
  if (head === commitId) return;
  if (head && !(await isAncestor(dir, head, commitId)))
    throw new GitWorkingFolderError(dir, `Commit ${commitId} does not contain ${head}: it is not a fast-forward.`);
  await moveTo(dir, options, async () => commitId);
}

/** Fills a working folder that has a commit but no files yet (a clone made without them) with its files. */
export async function checkoutHead(dir: string): Promise<void> {
  const head = await headCommit(dir);
  if (!head) return;
  const cache = {};
  await withIndex(dir, async (index) => checkoutTree(dir, index, null, await commitTree(dir, head, cache), cache));
}

/**
 * Records a merge decided elsewhere: a commit with these parents whose tree is exactly `files`, and moves
 * the working folder to it. Git's own line merge is never used. Only the blobs and trees the parents lack
 * are stored, and only the files that differ from the current commit are written.
 */
export async function commitMerge(
  dir: string,
  parents: readonly string[],
  files: ReadonlyMap<string, Uint8Array | string>,
  author: GitAuthor,
  message: string,
  options: WorkingFolderOptions = {},
): Promise<string> {
  if (parents.length === 0) throw new GitWorkingFolderError(dir, 'A merge commit needs at least one parent.');
  const encoder = new TextEncoder();
  const contents = new Map<string, Uint8Array>();
  for (const [path, content] of files)
    contents.set(path, typeof content === 'string' ? encoder.encode(content) : content);
  const memo: TreeMemo = new Map();
  const root = folderOf(
    dir,
    [...contents].map(([path, content]) => [path, { oid: blobId(content), mode: FILE_MODE }]),
    memo,
  );
  return moveTo(dir, options, async ({ cache }) => {
    const parentTrees = await Promise.all(parents.map((parent) => commitTree(dir, parent, cache)));
    await writeMissing(dir, root, parentTrees, (path) => contents.get(path)!, cache);
    return writeCommit(dir, root.oid, parents, author, message);
  });
}
