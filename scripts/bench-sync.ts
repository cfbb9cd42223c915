// Team sync at the scale of a real project: 20 annotators × 1,000 articles (over 21,000 files), published
// by the lead to a bare repository served by git's own http-backend on loopback, synced with the real
// sync engine. Figures: a sync with nothing to do, a sync that brings one colleague's day of work (200
// edits synced from another clone first) as a fast-forward and as a merge with the lead's own edits, and
// the bare repository's size after 10,000 edits pushed in 50 syncs of 200.
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../annotations/dispatch';
import type { Annotation, Article, ArticleLayer } from '../annotations/model';
import { codecFor, PATHS, splitLayers } from '../annotations/node/store-layout';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { isIgnored } from '../annotations/node/git';
import { cloneProject, publish, STORE_IGNORE, sync } from '../annotations/node/sync';
import type { SyncResult } from '../annotations/node/sync';
import { createHandlers } from '../annotations/service';
import { gitUnavailableReason, startGitServer } from '../tests/support/git-server';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';

export const SYNC_ARTICLES = 1000;
export const SYNC_ANNOTATORS = 20;
const PER_LAYER = 5;
const DAY = 200;
const BATCHES = 50;

const annotatorName = (k: number) => `annotator-${String(k).padStart(2, '0')}`;
const person = (name: string) => ({ name, email: `${name}@example.org` });
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A store of `articles` articles, each with a layer of `PER_LAYER` annotations from every annotator. The
 * articles go in through the repository; the 20,000 layer files are written as the repository writes
 * them (its layout's own encoder) but without a flush to disk each, which would take minutes.
 */
export async function buildStore(dir: string, articles: number, annotators: number): Promise<void> {
  const repo = await openLowdbRepository(dir);
  const list: Article[] = [];
  try {
    for (let i = 0; i < articles; i++) list.push(await syntheticArticle(`art-${i}`, 300, i + 1));
    await repo.addArticles(list);
  } finally {
    await repo.close();
  }
  for (const article of list) {
    const annotations: Annotation[] = [];
    for (let k = 0; k < annotators; k++) {
      const annotator = annotatorName(k);
      for (const a of syntheticAnnotations(article, PER_LAYER))
        annotations.push({ ...a, id: `${annotator}-${a.id}`, annotator });
    }
    await mkdir(join(dir, PATHS.layerDir(article.id)), { recursive: true });
    const layers = splitLayers({ articleId: article.id, annotations, relations: [], documentLabels: [] });
    await Promise.all([...layers].map(([path, file]) => writeFile(join(dir, path), codecFor(path, path).encode(file))));
  }
}

/** Changes the verdict and note of `annotator`'s first annotation in `count` articles from `from` on. */
const reviewed =
  (annotator: string, round: number) =>
  (layer: ArticleLayer): ArticleLayer => ({
    ...layer,
    annotations: layer.annotations.map((a) =>
      a.id === `${annotator}-bench-0`
        ? {
            ...a,
            attributes: { ...a.attributes, verdict: round % 2 === 0 ? 'false' : 'true' },
            note: `looked at again in round ${round}`,
          }
        : a,
    ),
  });

/** A batch of edits saved in one transaction: the same files change as with one save each, in far less time. */
export async function editBatch(
  dir: string,
  annotator: string,
  from: number,
  count: number,
  round: number,
): Promise<void> {
  const repo = await openLowdbRepository(dir);
  try {
    await repo.transact(async (tx) => {
      for (let i = 0; i < count; i++)
        await tx.updateLayer(`art-${(from + i) % SYNC_ARTICLES}`, reviewed(annotator, round));
    });
  } finally {
    await repo.close();
  }
}

/**
 * `count` edits by `annotator`, each a change of one of their annotations' verdict through the contract,
 * in `count` different articles starting at `from` (a day of work: one annotation looked at per article).
 */
export async function edit(dir: string, annotator: string, from: number, count: number, round: number): Promise<void> {
  const repo = await openLowdbRepository(dir);
  try {
    const handlers = createHandlers(repo, { annotator });
    for (let i = 0; i < count; i++) {
      const articleId = `art-${(from + i) % SYNC_ARTICLES}`;
      const envelope = await dispatch(handlers, 'annotations/update', {
        articleId,
        id: `${annotator}-bench-0`,
        attributes: { verdict: round % 2 === 0 ? 'false' : 'true' },
        note: `looked at again in round ${round}`,
      });
      if (!envelope.ok) throw new Error(envelope.error.message);
    }
  } finally {
    await repo.close();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await work();
  return { ms: performance.now() - t, result };
}

async function expectStatus(result: SyncResult, status: SyncResult['status'], what: string): Promise<void> {
  if (result.status !== status) throw new Error(`${what}: expected a sync ${status}, got ${result.status}`);
}

/** The bytes of every file under `dir`, as `du` counts a bare repository's content. */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

const verdict = (value: number, target: number) => (value < target ? 'met' : 'MISSED');

/** Runs the section and prints its figures; `tempDir` is removed by the caller. */
export async function benchSync(tempDir: string): Promise<BenchRow[]> {
  const section = `Team sync, ${SYNC_ANNOTATORS} × ${SYNC_ARTICLES.toLocaleString('en')} articles`;
  const rows: BenchRow[] = [];
  const unavailable = gitUnavailableReason();
  if (unavailable) {
    console.log(`  skipped: ${unavailable}`);
    return rows;
  }
  const server = await startGitServer();
  try {
    const url = server.url('project');
    const lead = join(tempDir, 'lead');
    const ana = join(tempDir, 'ana');
    const anaName = annotatorName(3);
    const leadAs = { author: person('lead') };
    const anaAs = { author: person(anaName) };

    const built = await timed(() => buildStore(lead, SYNC_ARTICLES, SYNC_ANNOTATORS));
    const published = await timed(() => publish(lead, url, leadAs));
    const files = (await readdir(lead, { recursive: true, withFileTypes: true })).filter(
      (entry) =>
        entry.isFile() &&
        !isIgnored(relative(lead, join(entry.parentPath, entry.name)).split(sep).join('/'), STORE_IGNORE),
    ).length;
    const cloned = await timed(() => cloneProject(url, ana));
    const publishedSize = await folderBytes(server.gitDir('project'));
    console.log(
      `  store built in ${seconds(built.ms)} (${files} files shared), published in ${seconds(published.ms)}, cloned in ${seconds(cloned.ms)}; bare repository ${mb(publishedSize)}`,
    );

    const idle: number[] = [];
    for (let run = 0; run < 3; run++) {
      const { ms, result } = await timed(() => sync(lead, leadAs));
      await expectStatus(result, 'up-to-date', 'no-change sync');
      idle.push(ms);
    }
    const idleMedian = [...idle].sort((a, b) => a - b)[1]!;
    rows.push(msRow(section, 'sync with nothing to do', idleMedian, 5000));
    console.log(
      `  (a) sync with nothing to do, median of 3: ${seconds(idleMedian)}   (target < 5 s: ${verdict(idleMedian, 5000)})`,
    );

    await edit(ana, anaName, 0, DAY, 0);
    await expectStatus(await sync(ana, anaAs), 'pushed', 'colleague sync');
    const pulled = await timed(() => sync(lead, leadAs));
    await expectStatus(pulled.result, 'pulled', '200-edit sync');
    rows.push(msRow(section, "sync bringing a colleague's 200 edits", pulled.ms, 15_000));
    console.log(
      `  (b) sync bringing a colleague's 200 edits (fast-forward): ${seconds(pulled.ms)}   (target < 15 s: ${verdict(pulled.ms, 15_000)})`,
    );

    await edit(ana, anaName, DAY, DAY, 1);
    await expectStatus(await sync(ana, anaAs), 'pushed', 'colleague sync');
    await edit(lead, annotatorName(0), 500, 20, 1);
    const merged = await timed(() => sync(lead, leadAs));
    await expectStatus(merged.result, 'merged', '200-edit merge');
    rows.push(msRow(section, "the same, merged with 20 edits of one's own", merged.ms, 15_000));
    console.log(
      `      the same with 20 edits of the lead's own (merged record by record): ${seconds(merged.ms)}   (target < 15 s: ${verdict(merged.ms, 15_000)})`,
    );

    const rounds: number[] = [];
    await expectStatus(await sync(ana, anaAs), 'pulled', 'colleague sync');
    for (let round = 0; round < BATCHES; round++) {
      await editBatch(ana, anaName, (round * DAY) % SYNC_ARTICLES, DAY, round + 2);
      const { ms, result } = await timed(() => sync(ana, anaAs));
      await expectStatus(result, 'pushed', `batch ${round + 1}`);
      rounds.push(ms);
    }
    const size = await folderBytes(server.gitDir('project'));
    const target = 2 * publishedSize;
    rows.push({
      section,
      measure: `repository after ${BATCHES * DAY} more edits`,
      figure: mb(size),
      target: `< ${mb(target)} (2× published)`,
      met: size < target,
    });
    console.log(
      `  (c) bare repository after ${BATCHES * DAY} more edits in ${BATCHES} syncs of ${DAY} (median sync ${seconds([...rounds].sort((a, b) => a - b)[BATCHES >> 1]!)}): ${mb(size)}, ${((size - publishedSize) / (BATCHES * DAY) / 1024).toFixed(1)} KB per edit   (target < 2× its size when published, ${mb(target)}: ${verdict(size, target)})`,
    );
  } finally {
    await server.close();
  }
  return rows;
}
