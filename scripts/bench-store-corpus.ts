import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentHash } from '../annotations/content-hash';
import type { Article } from '../annotations/model';
import { summarize } from '../annotations/model';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { PATHS } from '../annotations/node/store-layout';
import { STORE_SCHEMA_VERSION } from '../annotations/node/store-files';
import { stableJson } from '../annotations/node/store-text-file';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';

/** A word no synthetic article holds but the few `RARE_AT` name: the search for a rare word. */
export const RARE_WORD = 'zanzibarite';
/** Where in the store the rare word is (article ordinals): early, middle and last. */
export const RARE_AT = [7, 51_234, 99_998] as const;

const SYLLABLES = ['ka', 'lo', 'mir', 'dez', 'an', 'tu', 'vel', 'ro', 'shi', 'qa', 'bar', 'nek', 'ol', 'im', 'zu'];

/** A made-up proper noun for `n`: news has many names, so the vocabulary is not only the common words. */
function properNoun(n: number): string {
  let word = '';
  for (let k = n + 1; k > 0; k = Math.floor(k / SYLLABLES.length)) word += SYLLABLES[k % SYLLABLES.length];
  return word[0]!.toUpperCase() + word.slice(1);
}

/** The `i`-th article of the benchmark store: about 300 words with a few names, some holding the rare word. */
export async function benchStoreArticle(i: number): Promise<Article> {
  const base = await syntheticArticle(`b${i}`, 300, i + 1);
  const names = [0, 1, 2, 3].map((k) => properNoun((i * 7 + k * 7919) % 40_000));
  const extra = RARE_AT.includes(i as (typeof RARE_AT)[number]) ? ` ${RARE_WORD}` : '';
  const text = `${names.slice(0, 2).join(' ')} said ${base.text} ${names.slice(2).join(' and ')} replied${extra}.`;
  return { ...base, title: `${names[0]} meets ${names[1]} (${i})`, text, contentHash: await contentHash(text) };
}

/**
 * Writes a store of `count` articles: the articles' files and the index
 * straight in the store's layout (what a batch of imports leaves, written in
 * seconds rather than minutes), then the last `viaRepository` articles and
 * `annotated` articles' annotations through the repository, so the store
 * opens as any other does.
 */
export async function writeBenchStore(
  dir: string,
  count: number,
  { viaRepository = 100, annotated = 200, log = (_: string) => {} } = {},
): Promise<void> {
  await mkdir(join(dir, 'articles'), { recursive: true });
  const direct = count - viaRepository;
  const summaries = [];
  const BATCH = 256;
  for (let from = 0; from < direct; from += BATCH) {
    const articles = await Promise.all(
      Array.from({ length: Math.min(BATCH, direct - from) }, (_, k) => benchStoreArticle(from + k)),
    );
    await Promise.all(
      articles.map((article) =>
        writeFile(join(dir, PATHS.article(article.id)), stableJson({ schemaVersion: STORE_SCHEMA_VERSION, article })),
      ),
    );
    summaries.push(...articles.map(summarize));
    if ((from / BATCH) % 80 === 0) log(`  wrote ${from + articles.length} of ${count} articles`);
  }
  await writeFile(join(dir, PATHS.index), stableJson({ schemaVersion: STORE_SCHEMA_VERSION, articles: summaries }));
  const repo = await openLowdbRepository(dir);
  try {
    const rest = await Promise.all(Array.from({ length: count - direct }, (_, k) => benchStoreArticle(direct + k)));
    await repo.addArticles(rest);
    // Annotations on articles spread over the store, as a team's work would be.
    const step = Math.max(1, Math.floor(count / annotated));
    for (let i = 0; i < count && i / step < annotated; i += step) {
      const article = await repo.getArticle(`b${i}`);
      await repo.putAnnotations(article.id, syntheticAnnotations(article, 20));
    }
  } finally {
    await repo.close();
  }
  log(`  store of ${count} articles written`);
}
