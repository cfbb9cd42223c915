import { GitWorkingFolderError } from './git-errors';
import { mapLimit } from '../map-limit';
import { FILE_MODE, OPEN_FILES, TREE_MODE, treeId, writeBlob, writeTreeItems } from './git-objects';
import type { TreeItem } from './git-objects';
import { readTreeItems } from './git-object-reader';

/** A file of a tree: its blob's id and mode. */
export interface TreeFile {
  oid: string;
  mode: string;
}

/** A folder of a tree built in memory. `oid` is set by {@link sealFolder}. */
export interface MemoryFolder {
  files: Map<string, TreeFile>;
  folders: Map<string, MemoryFolder>;
  oid: string;
}

/** Tree entries by tree id, for the trees built in memory: they are read from here, not from the disk. */
export type TreeMemo = Map<string, TreeItem[]>;

const emptyFolder = (): MemoryFolder => ({ files: new Map(), folders: new Map(), oid: '' });

function checkPath(dir: string, path: string): string[] {
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part === '.git'))
    throw new GitWorkingFolderError(dir, `The merged file path ${JSON.stringify(path)} is not a plain relative path.`);
  return parts;
}

/** The folders of a flat list of files (path with `/` to blob), ids computed; a path given twice or as a file and a folder is an error. */
export function folderOf(dir: string, files: Iterable<[string, TreeFile]>, memo: TreeMemo): MemoryFolder {
  const root = emptyFolder();
  for (const [path, file] of files) {
    const parts = checkPath(dir, path);
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) {
        if (folder.files.has(part))
          throw new GitWorkingFolderError(dir, `The merged file ${JSON.stringify(part)} is also a folder.`);
        folder.folders.set(part, (next = emptyFolder()));
      }
      folder = next;
    }
    const name = parts[parts.length - 1]!;
    if (folder.folders.has(name) || folder.files.has(name))
      throw new GitWorkingFolderError(
        dir,
        `The merged file path ${JSON.stringify(path)} is given twice or is a folder.`,
      );
    folder.files.set(name, file);
  }
  sealFolder(root, memo);
  return root;
}

const itemsOf = (folder: MemoryFolder): TreeItem[] => [
  ...[...folder.files].map(([name, file]) => ({ name, mode: file.mode, oid: file.oid })),
  ...[...folder.folders].map(([name, child]) => ({ name, mode: TREE_MODE, oid: child.oid })),
];

/** Computes the ids of a folder and all under it, and records their entries in `memo`. */
function sealFolder(folder: MemoryFolder, memo: TreeMemo): string {
  for (const [name, child] of folder.folders) {
    sealFolder(child, memo);
    // Git keeps no empty folders.
    if (child.files.size === 0 && child.folders.size === 0) folder.folders.delete(name);
  }
  const items = itemsOf(folder);
  folder.oid = treeId(items);
  memo.set(folder.oid, items);
  return folder.oid;
}

/** The entries of a tree, from memory when it was built there. */
async function entries(dir: string, oid: string | null, memo: TreeMemo, cache: object): Promise<Map<string, TreeItem>> {
  if (oid === null) return new Map();
  const items = memo.get(oid) ?? (await readTreeItems(dir, oid, cache));
  return new Map(items.map((item) => [item.name, item]));
}

/**
 * Stores the trees of `root` that none of the `references` (trees already stored, at the same place)
 * holds, and the blobs `contentOf` gives for files no reference holds at the same path. A folder
 * equal to a reference's is skipped whole, so a change to a few files writes a few objects.
 */
export async function writeMissing(
  dir: string,
  root: MemoryFolder,
  references: readonly (string | null)[],
  contentOf: ((path: string) => Uint8Array) | null,
  cache: object,
): Promise<void> {
  const blobs: string[] = [];
  const trees: MemoryFolder[] = [];
  const plan = async (folder: MemoryFolder, refs: readonly string[], prefix: string): Promise<void> => {
    if (refs.includes(folder.oid)) return;
    const refEntries = await Promise.all(refs.map((oid) => entries(dir, oid, new Map(), cache)));
    const known = (name: string) => refEntries.map((items) => items.get(name)).filter((item) => item !== undefined);
    for (const [name, file] of folder.files)
      if (!known(name).some((item) => item.oid === file.oid && item.mode !== TREE_MODE)) blobs.push(prefix + name);
    for (const [name, child] of folder.folders) {
      const childRefs = known(name)
        .filter((item) => item.mode === TREE_MODE)
        .map((item) => item.oid);
      await plan(child, childRefs, `${prefix}${name}/`);
    }
    trees.push(folder);
  };
  await plan(
    root,
    references.filter((oid) => oid !== null),
    '',
  );
  if (contentOf) await mapLimit(blobs, OPEN_FILES, (path) => writeBlob(dir, contentOf(path)));
  // Children before their parents: a tree is never stored before what it names.
  for (const folder of trees) await writeTreeItems(dir, itemsOf(folder));
}

/** A file that differs between two trees: its blob on each side (null where it is absent) and its new mode. */
export interface TreeChange {
  path: string;
  from: string | null;
  to: string | null;
  mode: string;
}

/** The files that differ between two trees (null for none), reading only the folders that differ. */
export async function diffTrees(
  dir: string,
  from: string | null,
  to: string | null,
  memo: TreeMemo,
  cache: object,
): Promise<TreeChange[]> {
  const changes: TreeChange[] = [];
  const walk = async (a: string | null, b: string | null, prefix: string): Promise<void> => {
    if (a === b) return;
    const [left, right] = await Promise.all([entries(dir, a, memo, cache), entries(dir, b, memo, cache)]);
    for (const name of new Set([...left.keys(), ...right.keys()])) {
      const l = left.get(name);
      const r = right.get(name);
      const lTree = l?.mode === TREE_MODE ? l.oid : null;
      const rTree = r?.mode === TREE_MODE ? r.oid : null;
      if (lTree !== null || rTree !== null) await walk(lTree, rTree, `${prefix}${name}/`);
      const lFile = l && l.mode !== TREE_MODE ? l : undefined;
      const rFile = r && r.mode !== TREE_MODE ? r : undefined;
      if ((lFile || rFile) && (lFile?.oid !== rFile?.oid || lFile?.mode !== rFile?.mode))
        changes.push({
          path: prefix + name,
          from: lFile?.oid ?? null,
          to: rFile?.oid ?? null,
          mode: rFile?.mode ?? FILE_MODE,
        });
    }
  };
  await walk(from, to, '');
  return changes;
}
