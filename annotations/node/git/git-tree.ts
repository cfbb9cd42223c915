import fs from 'node:fs';
import git from 'isomorphic-git';
import type { TreeEntry } from 'isomorphic-git';
import { GitWorkingFolderError } from './git-errors';

interface Folder {
  files: Map<string, Uint8Array>;
  folders: Map<string, Folder>;
}

function checkPath(dir: string, path: string): string[] {
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part === '.git'))
    throw new GitWorkingFolderError(dir, `The merged file path ${JSON.stringify(path)} is not a plain relative path.`);
  return parts;
}

/** Writes the blobs and trees for a flat map of files and returns the root tree's id. */
export async function writeFilesTree(dir: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<string> {
  const root: Folder = { files: new Map(), folders: new Map() };
  const encoder = new TextEncoder();
  for (const [path, content] of files) {
    const parts = checkPath(dir, path);
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { files: new Map(), folders: new Map() }));
      folder = next;
    }
    const name = parts[parts.length - 1]!;
    if (folder.folders.has(name) || folder.files.has(name))
      throw new GitWorkingFolderError(
        dir,
        `The merged file path ${JSON.stringify(path)} is given twice or is a folder.`,
      );
    folder.files.set(name, typeof content === 'string' ? encoder.encode(content) : content);
  }
  return writeFolder(dir, root);
}

async function writeFolder(dir: string, folder: Folder): Promise<string> {
  const entries: TreeEntry[] = [];
  for (const [name, content] of folder.files) {
    if (folder.folders.has(name))
      throw new GitWorkingFolderError(dir, `The merged file ${JSON.stringify(name)} is also a folder.`);
    const oid = await git.writeBlob({ fs, dir, blob: content });
    entries.push({ mode: '100644', path: name, oid, type: 'blob' });
  }
  for (const [name, child] of folder.folders) {
    entries.push({ mode: '040000', path: name, oid: await writeFolder(dir, child), type: 'tree' });
  }
  return git.writeTree({ fs, dir, tree: entries });
}
