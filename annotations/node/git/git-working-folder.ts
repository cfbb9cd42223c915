import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { GitIgnoreManager } from 'isomorphic-git/managers';
import { mapLimit } from '../map-limit';
import { OPEN_FILES, blobId, writeBlob } from './git-objects';
import { fileMode, unchangedSince } from './git-index';
import type { GitIndex, IndexTime } from './git-index';
import { folderOf } from './git-tree';
import type { MemoryFolder, TreeFile, TreeMemo } from './git-tree';

/** Paths a commit leaves out: see `GitIgnoreList` in git-repository.ts. */
type IgnoreList = readonly (string | RegExp)[];

export function isIgnored(path: string, ignore: IgnoreList = []): boolean {
  return ignore.some((rule) =>
    typeof rule === 'string' ? path === rule || path.startsWith(`${rule.replace(/\/$/, '')}/`) : rule.test(path),
  );
}

/** The tree the working folder holds, built in memory (its trees are in `memo`, not yet stored). */
export interface WorkingTree {
  tree: string;
  folder: MemoryFolder;
  memo: TreeMemo;
}

/**
 * The .gitignore files, read once per look at the folder: isomorphic-git's own matcher reads them again
 * for every path it is asked about.
 */
function gitignoreReader() {
  const reads = new Map<string, Promise<string | null>>();
  const read = (path: string) => {
    let text = reads.get(path);
    if (!text) reads.set(path, (text = readFile(path, 'utf8').catch(() => null)));
    return text;
  };
  return { read, exists: async (path: string) => (await read(path)) !== null };
}

/** Every folder that holds a tracked file, so a tracked path is never dropped by a .gitignore rule. */
function trackedFolders(index: GitIndex): Set<string> {
  const folders = new Set<string>();
  for (const path of index.entriesMap.keys())
    for (let parent = posix.dirname(path); parent !== '.' && !folders.has(parent); parent = posix.dirname(parent))
      folders.add(parent);
  return folders;
}

/**
 * The regular files of the working folder outside the ignore list, the .gitignore files (for paths not
 * tracked yet) and `.git`, with their stats. Folders are listed and files looked at a few at a time.
 */
async function listFiles(dir: string, index: GitIndex, ignore: IgnoreList): Promise<Map<string, Stats>> {
  const files = new Map<string, Stats>();
  const folders = trackedFolders(index);
  const fs = gitignoreReader();
  const tracked = (path: string) => index.entriesMap.has(path) || folders.has(path);
  const keep = async (path: string) =>
    !isIgnored(path, ignore) && (tracked(path) || !(await GitIgnoreManager.isIgnored({ fs, dir, filepath: path })));
  let level = [''];
  while (level.length > 0) {
    const listed = await mapLimit(level, OPEN_FILES, (folder) =>
      readdir(join(dir, folder), { withFileTypes: true }).catch((error: NodeJS.ErrnoException): Dirent[] => {
        // A folder removed while being listed holds nothing.
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
        throw error;
      }),
    );
    const found = level.flatMap((folder, i) =>
      listed[i]!.filter((entry) => entry.name !== '.git' && (entry.isDirectory() || entry.isFile())).map((entry) => ({
        path: folder === '' ? entry.name : `${folder}/${entry.name}`,
        folder: entry.isDirectory(),
      })),
    );
    const kept = await mapLimit(found, OPEN_FILES, async (entry) => ((await keep(entry.path)) ? entry : null));
    const plain = kept.filter((entry) => entry !== null && !entry.folder).map((entry) => entry!.path);
    const stats = await mapLimit(plain, OPEN_FILES, (path) =>
      lstat(join(dir, path)).catch((error: NodeJS.ErrnoException) => {
        // A file removed since its folder was listed is gone.
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
    );
    plain.forEach((path, i) => stats[i] && files.set(path, stats[i]));
    level = kept.filter((entry) => entry !== null && entry.folder).map((entry) => entry!.path);
  }
  return files;
}

const modeText = (mode: number) => mode.toString(8).padStart(6, '0');

/**
 * Reads the working folder against the index: a file whose stat still matches its entry keeps the
 * entry's blob; only the others are read and hashed. With `stage`, the index takes the working folder's
 * files (their blobs stored, deleted ones taken out) as `git add --all` would; without, only the stats
 * of files found unchanged are refreshed. Tracked files in the ignore list stay as the index has them.
 */
export async function readWorkingFolder(
  dir: string,
  index: GitIndex,
  indexTime: IndexTime,
  ignore: IgnoreList,
  stage: boolean,
): Promise<WorkingTree> {
  const listed = await listFiles(dir, index, ignore);
  const files = new Map<string, TreeFile>();
  for (const [path, entry] of index.entriesMap)
    if (entry.flags.stage === 0 && (listed.has(path) || isIgnored(path, ignore)))
      files.set(path, { oid: entry.oid, mode: modeText(entry.mode) });
    else if (stage) index.delete({ filepath: path });
  const toRead = [...listed].filter(([path, stats]) => {
    const entry = index.entriesMap.get(path);
    return !entry || entry.flags.stage !== 0 || !unchangedSince(entry, stats, indexTime);
  });
  await mapLimit(toRead, OPEN_FILES, async ([path, stats]) => {
    const content = await readFile(join(dir, path));
    const oid = blobId(content);
    const entry = index.entriesMap.get(path);
    if (stage && entry?.oid !== oid) await writeBlob(dir, content);
    if (stage || entry?.oid === oid) index.insert({ filepath: path, stats, oid });
    files.set(path, { oid, mode: modeText(fileMode(stats)) });
  });
  const memo: TreeMemo = new Map();
  const folder = folderOf(dir, files, memo);
  return { tree: folder.oid, folder, memo };
}
