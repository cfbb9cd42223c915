import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerFiles } from '../repository';
import { isTemporaryFile } from './atomic-json-file';
import { decodeAnnotatorFileName } from './layer-file-names';

/**
 * Each article's layer files (`layers/<id>/<annotator>.json`) from the folder
 * listing alone. An article's revision joins what this process knows of its
 * writes (`writesOf`: a count it raises on each) with each file's inode, size
 * and modification time in nanoseconds: a file is replaced whole on each write,
 * so its inode changes too, and an edit by hand shows as well.
 */
export async function listLayerFiles(
  layersDir: string,
  articleIds: readonly string[] | undefined,
  writesOf: (articleId: string) => string,
  isArticle: (articleId: string) => boolean,
): Promise<Map<string, LayerFiles>> {
  const ids = articleIds ?? (await readdir(layersDir).catch(() => [] as string[]));
  const listed = new Map<string, LayerFiles>();
  for (const articleId of ids) {
    if (!isArticle(articleId)) continue;
    const folder = join(layersDir, articleId);
    const names = (await readdir(folder).catch(() => [] as string[]))
      .filter((name) => name.endsWith('.json') && !isTemporaryFile(name))
      .sort();
    if (names.length === 0) continue;
    const parts = [writesOf(articleId)];
    for (const name of names) {
      const s = await stat(join(folder, name), { bigint: true }).catch(() => null);
      parts.push(s ? `${name}:${s.ino}:${s.size}:${s.mtimeNs}` : `${name}:gone`);
    }
    listed.set(articleId, {
      annotators: names.map((name) => decodeAnnotatorFileName(name.slice(0, -'.json'.length))),
      revision: parts.join('|'),
    });
  }
  return listed;
}
