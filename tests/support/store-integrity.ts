import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { layerProblems } from '../../annotations/layer-checks';

const IGNORED = new Set(['store.lock', 'backup']);

/** Every file of a store folder and the SHA-256 of its bytes; the lock and the last good copies left out. */
export async function hashStore(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (folder === dir && IGNORED.has(entry.name)) continue;
      if (entry.isDirectory()) await walk(path);
      else
        hashes[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  }
  await walk(dir);
  return hashes;
}

/**
 * Opens the store as a restarted app would (the caller has closed it) and
 * reads all of it: index, project, every article and layer. Returns every
 * problem found, read errors and layer problems alike; none for a sound store.
 */
export async function storeProblems(dir: string): Promise<string[]> {
  const repo = await openLowdbRepository(dir);
  const problems: string[] = [];
  try {
    const { tagset, entities, events } = repo.readProject();
    for (const summary of repo.listArticles()) {
      try {
        const article = await repo.getArticle(summary.id);
        const layer = await repo.readLayer(summary.id);
        problems.push(...layerProblems(article, layer, tagset, entities, events).map((p) => `${summary.id}: ${p}`));
      } catch (error) {
        problems.push(`${summary.id}: ${(error as Error).message}`);
      }
    }
    problems.push(...repo.status().problems.map((p) => `${p.file}: ${p.reason}`));
  } finally {
    await repo.close();
  }
  return problems;
}
