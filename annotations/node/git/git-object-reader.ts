import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { blobId } from './git-objects';
import type { TreeItem } from './git-objects';

/**
 * Objects read in the last few seconds, by id. An id names its content in every repository, so what is
 * kept is never stale: a sync that reads the three trees of a merge (or two of a fast-forward), nearly
 * all the same, reads each file once. Contents are shared between the maps given out: never change them.
 */
const recent = new Map<string, Promise<unknown>>();
const KEEP_MS = 10_000;
const KEEP_AT_MOST = 200_000;
let forget: NodeJS.Timeout | undefined;

function remembered<T>(oid: string, read: () => Promise<T>): Promise<T> {
  let found = recent.get(oid) as Promise<T> | undefined;
  if (!found) {
    if (recent.size >= KEEP_AT_MOST) recent.clear();
    found = read();
    recent.set(oid, found);
    found.catch(() => recent.delete(oid));
  }
  clearTimeout(forget);
  forget = setTimeout(() => recent.clear(), KEEP_MS).unref();
  return found;
}

async function readIfThere(path: string): Promise<Buffer | null> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR') return null;
    throw error;
  });
}

/**
 * A blob's content. Where the working folder holds it at `path` (the hash says so), it is read from there:
 * isomorphic-git reads a packed object at several times the cost, and a loose one at twice. Otherwise a
 * loose object is inflated here, and a packed one left to isomorphic-git.
 */
export function readBlob(dir: string, oid: string, cache: object, path?: string): Promise<Uint8Array> {
  return remembered(oid, async () => {
    const working = path === undefined ? null : await readIfThere(join(dir, path));
    if (working && blobId(working) === oid) return new Uint8Array(working);
    const loose = await readIfThere(join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    if (loose) {
      const object = inflateSync(loose);
      const end = object.indexOf(0);
      if (end > 0 && object.subarray(0, 5).toString('latin1') === 'blob ')
        return new Uint8Array(object.subarray(end + 1));
    }
    const { blob } = await git.readBlob({ fs, dir, oid, cache });
    return blob;
  });
}

/** The entries of a stored tree. */
export function readTreeItems(dir: string, oid: string, cache: object): Promise<TreeItem[]> {
  return remembered(oid, async () => {
    const { tree } = await git.readTree({ fs, dir, oid, cache });
    return tree.map((entry) => ({ name: entry.path, mode: entry.mode, oid: entry.oid }));
  });
}
