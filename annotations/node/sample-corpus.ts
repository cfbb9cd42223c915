import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { articleFromText } from '../article-text';
import type { AnnotationRepository } from '../repository';

/** Adds the built-in sample articles (the `.txt` files of `dir`) to a store. */
export async function addSampleCorpus(repo: AnnotationRepository, dir: string, now = new Date()): Promise<number> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  const articles = await Promise.all(
    files.map(async (file) =>
      articleFromText(
        basename(file, '.txt'),
        await readFile(join(dir, file), 'utf8'),
        `sample corpus: ${file}`,
        now.toISOString(),
      ),
    ),
  );
  await repo.addArticles(articles);
  return articles.length;
}
