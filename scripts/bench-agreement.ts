// Agreement over a corpus of 10,000 articles of ~500 words, 1,000 of them
// annotated by two people (40 spans each, some moved or relabelled), measured
// through the service as the app runs it (createHandlers over the lowdb
// store, the agreement worker measuring): the corpus report cold (target
// < 5 s) and again after one layer was edited (< 1 s), the reply's size
// (< 1 MiB), the memory it takes while it runs and what it leaves behind
// after a garbage collection (within 50 MiB of before), and how long another
// operation waits meanwhile. The measuring runs in a child process started
// with --expose-gc, so the memory figures are its own.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../annotations/dispatch';
import type { Annotation } from '../annotations/model';
import { createAgreementWorkerPool } from '../annotations/node/agreement-worker-pool';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { createHandlers } from '../annotations/service';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';
import type { BenchRow } from './bench-table';
import { mibRow, msRow } from './bench-table';

const ARTICLES = 10_000;
const TWO_LAYERS = 1_000;
const SECTION = `Agreement, ${ARTICLES.toLocaleString('en')} articles`;
const MiB = 1024 * 1024;

/** alice's and bob's layers of one article: the same spans, bob moving every 5th and relabelling every 7th. */
function twoLayers(base: readonly Annotation[]): Annotation[] {
  const layer = (annotator: string, edit: boolean) =>
    base.map((a, i) => ({
      ...a,
      id: `${annotator}-${i}`,
      annotator,
      ...(edit && i % 5 === 0 ? { end: a.end - 2, quote: a.quote.slice(0, -2) } : {}),
      ...(edit && i % 7 === 0 ? { kind: a.kind === 'claim' ? 'event' : 'claim' } : {}),
    }));
  return [...layer('alice', false), ...layer('bob', true)];
}

/** Writes the store through the repository, a thousand articles (or a hundred layers) per transaction. */
export async function buildStore(dir: string): Promise<void> {
  const repo = await openLowdbRepository(dir);
  try {
    for (let from = 0; from < ARTICLES; from += 1000) {
      const articles = await Promise.all(
        Array.from({ length: 1000 }, (_, k) => syntheticArticle(`a${from + k}`, 500, from + k + 1)),
      );
      await repo.addArticles(articles);
      // Every tenth article is annotated twice.
      const annotated = articles.filter((_, k) => (from + k) % (ARTICLES / TWO_LAYERS) === 0);
      for (let k = 0; k < annotated.length; k += 100) {
        await repo.transact(async (tx) => {
          for (const article of annotated.slice(k, k + 100))
            await tx.putAnnotations(article.id, twoLayers(syntheticAnnotations(article, 40)));
        });
      }
    }
  } finally {
    await repo.close();
  }
}

interface ChildFigures {
  coldMs: number;
  coldCpuMs: number;
  warmMs: number;
  sameMs: number;
  articleMs: number;
  replyBytes: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  slowestOtherMs: number;
  measuredArticles: number;
}

/** In the child: the report measured through the service over the store built. */
async function measure(dir: string): Promise<ChildFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const settle = async () => {
    // The worker stops a second after its last batch; then what the report left is collected.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().rss;
  };
  const repo = await openLowdbRepository(dir);
  const pool = createAgreementWorkerPool();
  const handlers = createHandlers(repo, { annotator: 'lena', annotatorGiven: true, agreementMeasurer: pool });
  const call = async (name: string, args: unknown) => {
    const envelope = await dispatch(handlers, name, args);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope;
  };
  await call('store/status', {});
  const rssBefore = await settle();

  let rssPeak = rssBefore;
  let slowestOtherMs = 0;
  let running = true;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  // Another operation asked over and over while the report runs: how long it waits for its answer.
  const other = (async () => {
    while (running) {
      const t = performance.now();
      await call('articles/get', { articleId: 'a1' });
      slowestOtherMs = Math.max(slowestOtherMs, performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  let t = performance.now();
  // CPU time of the whole process (the worker's thread included): what the report costs, whatever else runs.
  const cpu = process.cpuUsage();
  const cold = await call('agreement/report', {});
  const coldMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const coldCpuMs = (used.user + used.system) / 1000;
  running = false;
  await other;
  clearInterval(sampler);
  const replyBytes = Buffer.byteLength(JSON.stringify(cold));
  const measuredArticles = (cold.result as { agreement: { measuredArticles: string[] } }).agreement.measuredArticles
    .length;
  const rssAfter = await settle();

  t = performance.now();
  await call('agreement/report', {});
  const sameMs = performance.now() - t;

  // bob moves one of his spans on one article: only that article is measured again.
  const bob = createHandlers(repo, { annotator: 'bob', annotatorGiven: true });
  const article = (await call('articles/get', { articleId: 'a500' })).result as { text: string };
  const edited = await dispatch(bob, 'annotations/create', {
    articleId: 'a500',
    kind: 'claim',
    start: 0,
    end: 9,
    quote: article.text.slice(0, 9),
  });
  if (!edited.ok) throw new Error(edited.error.message);
  t = performance.now();
  await call('agreement/report', {});
  const warmMs = performance.now() - t;

  t = performance.now();
  await call('agreement/article', { articleId: 'a500', annotators: ['alice', 'bob'] });
  const articleMs = performance.now() - t;
  await pool.close();
  await repo.close();
  return {
    coldMs,
    coldCpuMs,
    warmMs,
    sameMs,
    articleMs,
    replyBytes,
    rssBefore,
    rssPeak,
    rssAfter,
    slowestOtherMs,
    measuredArticles,
  };
}

/** Runs this file in a child with --expose-gc over `dir`, and reads its figures. */
function measureInChild(dir: string): Promise<ChildFigures> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the agreement bench's child exited with ${String(code)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildFigures);
    });
  });
}

export async function benchAgreement(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'factmark-bench-agreement-'));
  try {
    let t = performance.now();
    await buildStore(dir);
    console.log(
      `agreement: store of ${ARTICLES} articles, ${TWO_LAYERS} with two layers, built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const f = await measureInChild(dir);
    console.log(
      `agreement: cold ${f.coldMs.toFixed(0)} ms (CPU ${f.coldCpuMs.toFixed(0)} ms) over ${f.measuredArticles} articles, unchanged ${f.sameMs.toFixed(0)} ms, ` +
        `after one edit ${f.warmMs.toFixed(0)} ms, one article ${f.articleMs.toFixed(0)} ms; reply ${(f.replyBytes / 1024).toFixed(0)} KiB; ` +
        `RSS before ${(f.rssBefore / MiB).toFixed(0)} MiB, peak ${(f.rssPeak / MiB).toFixed(0)} MiB, after ${(f.rssAfter / MiB).toFixed(0)} MiB; ` +
        `another operation waited at most ${f.slowestOtherMs.toFixed(0)} ms`,
    );
    const grew = f.rssAfter - f.rssBefore;
    return [
      msRow(SECTION, 'corpus report, cold', f.coldMs, 5000),
      msRow(SECTION, 'corpus report after one layer edited', f.warmMs, 1000),
      mibRow(SECTION, 'memory peak during the report (RSS)', f.rssPeak, 1024),
      {
        section: SECTION,
        measure: 'memory after the report, over before (RSS, after GC)',
        figure: `${(grew / MiB).toFixed(1)} MiB`,
        target: '< 50 MiB',
        met: grew < 50 * MiB,
      },
      {
        section: SECTION,
        measure: "the report's reply",
        figure: `${(f.replyBytes / 1024).toFixed(0)} KiB`,
        target: '< 1024 KiB',
        met: f.replyBytes < MiB,
      },
      msRow(SECTION, 'another operation answered during the report (slowest)', f.slowestOtherMs, 250),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The child: measures over the store named and prints its figures as one JSON line.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  measure(process.argv[2]).then(
    (figures) => {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
