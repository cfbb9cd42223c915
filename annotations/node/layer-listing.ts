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
  const ids = (articleIds ?? (await readdir(layersDir).catch(() => [] as string[]))).filter(isArticle);
  const found: (LayerFiles | null)[] = new Array(ids.length).fill(null);
  // Several folders at once: one after the other, the listing waits on each readdir and stat in turn.
  let next = 0;
  const lister = async () => {
    while (next < ids.length) {
      const at = next++;
      const id = ids[at]!;
      found[at] = await listOne(join(layersDir, id), writesOf(id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT, ids.length) }, lister));
  const listed = new Map<string, LayerFiles>();
  ids.forEach((id, at) => {
    const files = found[at];
    if (files) listed.set(id, files);
  });
  return listed;
}

/** Folders listed at once: enough to keep the disk busy, few enough not to hold many handles. */
const CONCURRENT = 16;

async function listOne(folder: string, writes: string): Promise<LayerFiles | null> {
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json') && !isTemporaryFile(name))
    .sort();
  if (names.length === 0) return null;
  const stats = await Promise.all(names.map((name) => stat(join(folder, name), { bigint: true }).catch(() => null)));
  const parts = [
    writes,
    ...names.map((name, i) => {
      const s = stats[i];
      return s ? `${name}:${s.ino}:${s.size}:${s.mtimeNs}` : `${name}:gone`;
    }),
  ];
  return {
    annotators: names.map((name) => decodeAnnotatorFileName(name.slice(0, -'.json'.length))),
    revision: parts.join('|'),
  };
}
