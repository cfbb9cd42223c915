import fs from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { GitIndexManager } from 'isomorphic-git/managers';
import { FileSystem } from 'isomorphic-git/models';

/** One file of git's index (https://git-scm.com/docs/index-format), as isomorphic-git keeps it. */
export interface IndexEntry {
  path: string;
  oid: string;
  mode: number;
  ctimeSeconds: number;
  ctimeNanoseconds: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  ino: number;
  uid: number;
  gid: number;
  size: number;
  flags: { stage: number };
}

/** The index of a working folder: the files of the next commit, with the stats they had when last read. */
export interface GitIndex {
  readonly entriesMap: Map<string, IndexEntry>;
  insert(entry: { filepath: string; stats: Stats; oid: string }): void;
  delete(entry: { filepath: string }): void;
}

/** When the index was last written, in the index's seconds and nanoseconds; null when there is none. */
export type IndexTime = readonly [number, number] | null;

const MAX_UINT32 = 2 ** 32;

/** Seconds and nanoseconds as isomorphic-git writes them to the index from a Node stat. */
function secondsNanos(ms: number): [number, number] {
  const seconds = Math.floor(ms / 1000);
  return [seconds % MAX_UINT32, Math.floor((ms - seconds * 1000) * 1_000_000) % MAX_UINT32];
}

const TRUST_INODE = process.platform !== 'win32';

/** A regular file's mode as git records it: executable by anyone, or not. */
export const fileMode = (stats: Stats): number => (stats.mode & 0o111 ? 0o100755 : 0o100644);

/**
 * Whether a file's stat still matches its index entry, so its content need not be read again. Like
 * git, an entry written no earlier than the index itself is "racily clean" and not trusted: the file may
 * have changed again within the same tick of the clock (https://git-scm.com/docs/racy-git).
 */
export function unchangedSince(entry: IndexEntry, stats: Stats, indexTime: IndexTime): boolean {
  const [mtimeSeconds, mtimeNanos] = secondsNanos(stats.mtimeMs);
  const [ctimeSeconds, ctimeNanos] = secondsNanos(stats.ctimeMs);
  if (
    entry.mtimeSeconds !== mtimeSeconds ||
    entry.mtimeNanoseconds !== mtimeNanos ||
    entry.ctimeSeconds !== ctimeSeconds ||
    entry.ctimeNanoseconds !== ctimeNanos ||
    entry.size !== stats.size % MAX_UINT32 ||
    entry.mode !== fileMode(stats) ||
    (TRUST_INODE && entry.ino !== stats.ino % MAX_UINT32)
  )
    return false;
  if (!indexTime) return false;
  const [seconds, nanos] = indexTime;
  return entry.mtimeSeconds < seconds || (entry.mtimeSeconds === seconds && entry.mtimeNanoseconds < nanos);
}

/**
 * Runs `work` on the folder's index and writes the index back once if it changed. `work` throwing
 * leaves the index file as it was.
 */
export async function withIndex<T>(
  dir: string,
  work: (index: GitIndex, indexTime: IndexTime) => Promise<T>,
): Promise<T> {
  const path = join(dir, '.git', 'index');
  const indexTime = await lstat(path).then(
    (stats): IndexTime => secondsNanos(stats.mtimeMs),
    () => null,
  );
  return GitIndexManager.acquire({ fs: new FileSystem(fs), gitdir: join(dir, '.git'), cache: {} }, (index) =>
    work(index as unknown as GitIndex, indexTime),
  ) as Promise<T>;
}
