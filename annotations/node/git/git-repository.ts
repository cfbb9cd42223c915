import fs, { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import git from 'isomorphic-git';
import { GitWorkingFolderError } from './git-errors';
import { writeFilesTree } from './git-tree';

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

export function isIgnored(path: string, ignore: GitIgnoreList = []): boolean {
  return ignore.some((rule) =>
    typeof rule === 'string' ? path === rule || path.startsWith(`${rule.replace(/\/$/, '')}/`) : rule.test(path),
  );
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

/** Paths that differ from the last commit (added, changed or deleted), leaving out the ignore list. */
export async function changedPaths(dir: string, options: WorkingFolderOptions = {}): Promise<string[]> {
  const matrix = await git.statusMatrix({ fs, dir, filter: (path) => !isIgnored(path, options.ignore) });
  return matrix
    .filter(([, head, workdir]) => (head === 1 && workdir !== 1) || (head === 0 && workdir !== 0))
    .map(([path]) => path);
}

/**
 * Stages every addition, change and deletion outside the ignore list and commits them.
 * Returns the new commit's id, or null when nothing changed since the last commit.
 */
export async function commitAll(
  dir: string,
  author: GitAuthor,
  message: string,
  options: WorkingFolderOptions = {},
): Promise<string | null> {
  // A cache shared by the calls below keeps isomorphic-git from parsing the index again for each file.
  const cache = {};
  const matrix = await git.statusMatrix({ fs, dir, cache, filter: (path) => !isIgnored(path, options.ignore) });
  const toAdd: string[] = [];
  const toRemove: string[] = [];
  let changed = false;
  for (const [filepath, head, workdir, stage] of matrix) {
    if (workdir === 0) {
      if (stage !== 0) toRemove.push(filepath);
    } else if (!(head === 1 && workdir === 1 && stage === 1)) {
      toAdd.push(filepath);
    }
    if ((head === 1 && workdir !== 1) || (head === 0 && workdir !== 0)) changed = true;
  }
  // isomorphic-git rewrites the whole index once per call: all additions go in one call, and a
  // folder that is gone is taken out of the index at once rather than file by file.
  for (const filepath of removalPaths(dir, toRemove, options.ignore)) await git.remove({ fs, dir, cache, filepath });
  if (toAdd.length > 0) await git.add({ fs, dir, cache, filepath: toAdd });
  if (!changed) return null;
  return git.commit({ fs, dir, cache, author, message });
}

/** Deleted files, each replaced by the highest folder above it that is gone from the disk too. */
function removalPaths(dir: string, deleted: readonly string[], ignore: GitIgnoreList | undefined): string[] {
  const paths = new Set<string>();
  for (const path of deleted) {
    let key = path;
    for (let parent = posix.dirname(key); parent !== '.'; parent = posix.dirname(parent)) {
      if (existsSync(join(dir, parent)) || isIgnored(parent, ignore)) break;
      key = parent;
    }
    paths.add(key);
  }
  return [...paths];
}

/** The files of a commit: path (with `/`) to content. */
export async function readTree(dir: string, commitId: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref: commitId })],
    map: async (filepath, [entry]) => {
      if (!entry) return null;
      if ((await entry.type()) === 'blob') {
        const content = await entry.content();
        if (content) files.set(filepath, content);
      }
      return true;
    },
  });
  return files;
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

/** Moves the current branch and the working folder to `commitId`; refuses when local changes would be lost. */
async function moveTo(dir: string, commitId: string, options: WorkingFolderOptions): Promise<void> {
  const pending = await changedPaths(dir, options);
  if (pending.length > 0)
    throw new GitWorkingFolderError(
      dir,
      `The folder ${dir} has changes not yet committed (${pending.slice(0, 5).join(', ')}${pending.length > 5 ? ', …' : ''}); commit them first.`,
    );
  const branch = await currentBranch(dir);
  await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: commitId, force: true });
  await git.checkout({ fs, dir, ref: branch, force: true });
}

/** Brings the working folder forward to `commitId`, which must contain the current commit. */
export async function fastForward(dir: string, commitId: string, options: WorkingFolderOptions = {}): Promise<void> {
  const head = await headCommit(dir);
  if (head === commitId) return;
  if (head && !(await isAncestor(dir, head, commitId)))
    throw new GitWorkingFolderError(dir, `Commit ${commitId} does not contain ${head}: it is not a fast-forward.`);
  await moveTo(dir, commitId, options);
}

/**
 * Records a merge decided elsewhere: a commit with these parents whose tree is exactly `files`, and moves
 * the working folder to it. Git's own line merge is never used.
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
  const tree = await writeFilesTree(dir, files);
  const commitId = await git.commit({ fs, dir, author, message, tree, parent: [...parents], noUpdateBranch: true });
  await moveTo(dir, commitId, options);
  return commitId;
}
