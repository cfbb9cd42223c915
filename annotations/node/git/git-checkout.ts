import { chmod, lstat, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { GitIndex } from './git-index';
import { mapLimit } from '../map-limit';
import { EXECUTABLE_MODE, OPEN_FILES } from './git-objects';
import { readBlob } from './git-object-reader';
import { diffTrees } from './git-tree';

/**
 * Moves a working folder that holds the tree `from` (null: nothing yet) to the tree `to`: writes the
 * files that differ, deletes those `to` lacks and the folders that leaves empty, and records each in the
 * index. Files the two trees share are not touched, so a change to a few files writes a few files.
 */
export async function checkoutTree(
  dir: string,
  index: GitIndex,
  from: string | null,
  to: string,
  cache: object,
): Promise<void> {
  const changes = await diffTrees(dir, from, to, new Map(), cache);
  const removed = changes.filter((change) => change.to === null).map((change) => change.path);
  await mapLimit(removed, OPEN_FILES, (path) => rm(join(dir, path), { force: true }));
  for (const path of removed) index.delete({ filepath: path });
  const emptied = new Set<string>();
  for (const path of removed)
    for (let parent = posix.dirname(path); parent !== '.'; parent = posix.dirname(parent)) emptied.add(parent);
  // Deepest first; a folder that still holds something (an ignored file) stays.
  for (const folder of [...emptied].sort((a, b) => b.length - a.length))
    await rmdir(join(dir, folder)).catch(() => undefined);

  const written = changes.filter((change) => change.to !== null);
  await mapLimit(written, OPEN_FILES, async ({ path, to: oid, mode }) => {
    const blob = await readBlob(dir, oid!, cache);
    const file = join(dir, path);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, blob);
    if (mode === EXECUTABLE_MODE) await chmod(file, 0o755);
    index.insert({ filepath: path, stats: await lstat(file), oid: oid! });
  });
}
