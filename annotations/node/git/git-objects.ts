import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import git from 'isomorphic-git';

/** Git's modes as isomorphic-git spells them in a tree entry. */
export const FILE_MODE = '100644';
export const EXECUTABLE_MODE = '100755';
export const TREE_MODE = '040000';

/** One entry of a tree object. */
export interface TreeItem {
  name: string;
  mode: string;
  oid: string;
}

/**
 * At most this many files open at once (see `mapLimit`): far under any system's limit, enough to keep the disk
 * busy. isomorphic-git starts a read for every file of a folder at once, which runs out of file handles on a
 * store of tens of thousands of files.
 */
export const OPEN_FILES = 32;

const header = (type: 'blob' | 'tree', content: Uint8Array) => Buffer.from(`${type} ${content.byteLength}\0`);

const hashObject = (type: 'blob' | 'tree', content: Uint8Array): string =>
  createHash('sha1').update(header(type, content)).update(content).digest('hex');

/** A blob's id, computed without writing it. */
export const blobId = (content: Uint8Array): string => hashObject('blob', content);

/**
 * Stores an object as a loose object (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects: the
 * zlib-deflated header and content, named by its id) unless it is there already, written to a temporary
 * name first so a half-written object never carries its id. isomorphic-git's writer makes a stream,
 * and a failed stat, per object, which is several times slower on a store of tens of thousands of files.
 */
let written = 0;

async function writeObject(dir: string, type: 'blob' | 'tree', content: Uint8Array): Promise<string> {
  const oid = hashObject(type, content);
  const folder = join(dir, '.git', 'objects', oid.slice(0, 2));
  const path = join(folder, oid.slice(2));
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) return oid;
  const temp = join(folder, `tmp_obj_${process.pid}_${++written}`);
  const data = deflateSync(Buffer.concat([header(type, content), content]));
  try {
    await writeFile(temp, data).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(folder, { recursive: true });
      await writeFile(temp, data);
    });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return oid;
}

/** Git sorts tree entries by their UTF-8 bytes, a folder as if its name ended in `/`. */
const sortKey = (item: TreeItem): Buffer => Buffer.from(item.mode === TREE_MODE ? `${item.name}/` : item.name);

/**
 * A tree object's bytes in git's own order and spelling (https://git-scm.com/docs/gitformat-tree is not
 * written down; see git's tree-walk.c: `<mode without a leading 0> <name>\0<20-byte id>`).
 */
export function treeBytes(items: readonly TreeItem[]): Uint8Array {
  const sorted = items.map((item) => ({ item, key: sortKey(item) })).sort((a, b) => Buffer.compare(a.key, b.key));
  return Buffer.concat(
    sorted.flatMap(({ item }) => [
      Buffer.from(`${item.mode.replace(/^0/, '')} ${item.name}\0`),
      Buffer.from(item.oid, 'hex'),
    ]),
  );
}

/** A tree's id, computed without writing it. */
export const treeId = (items: readonly TreeItem[]): string => hashObject('tree', treeBytes(items));

/** Stores a blob (a loose object unless it is there already) and returns its id. */
export async function writeBlob(dir: string, content: Uint8Array): Promise<string> {
  return writeObject(dir, 'blob', content);
}

/** Stores a tree of these entries and returns its id, the same as {@link treeId}'s. */
export async function writeTreeItems(dir: string, items: readonly TreeItem[]): Promise<string> {
  return writeObject(dir, 'tree', treeBytes(items));
}

/** The tree of a commit. */
export async function commitTree(dir: string, commitId: string, cache: object): Promise<string> {
  const { commit } = await git.readCommit({ fs, dir, oid: commitId, cache });
  return commit.tree;
}
