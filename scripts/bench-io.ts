// Bench: imports and exports at ten thousand articles, as a user runs them —
// the built command line (`node dist/cli.mjs`, after `npm run build`), each
// command in a child process whose time and peak memory are measured.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { syntheticArticle } from './bench-corpus';
import type { BenchRow } from './bench-table';
import { mibRow } from './bench-table';

const ARTICLES = Number(process.env.FACTMARK_BENCH_IO_ARTICLES ?? 10_000);
const WORDS = 500;
/** The built command line (another build may be measured by naming it). */
const CLI = process.env.FACTMARK_BENCH_CLI ?? 'dist/cli.mjs';
const SECTION = `Import and export, ${ARTICLES.toLocaleString('en')} articles`;

/** A child reports its peak memory into this file as it exits (`process.resourceUsage().maxRSS`, KiB). */
const REPORTER = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.FACTMARK_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024)));
`;

/** The corpus as one JSONL file, one article per line, as a user would bring it. */
export async function writeCorpus(path: string): Promise<number> {
  const lines: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const article = await syntheticArticle(`bench-${i}`, WORDS, i + 1);
    // A few lines with characters outside ASCII, as real corpora have.
    const text = i % 10 === 0 ? `${article.text} — Tehran’s “reply” 🙂` : article.text;
    lines.push(JSON.stringify({ id: article.id, title: article.title, text }));
  }
  await writeFile(path, `${lines.join('\n')}\n`);
  return (await stat(path)).size;
}

/** Runs the built CLI with `args` in a child; its wall time and peak resident memory. */
async function timed(args: string[], work: string): Promise<{ ms: number; rss: number; out: string }> {
  const reporter = join(work, 'rss-reporter.mjs');
  const rssFile = join(work, 'rss.txt');
  await writeFile(reporter, REPORTER);
  const t0 = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', reporter, CLI, ...args], {
      env: { ...process.env, FACTMARK_BENCH_RSS: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text = (text + d.toString()).slice(-2000)));
    child.stderr.on('data', (d: Buffer) => (text = (text + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`factmark ${args[0]} exited ${code}: ${text}`)),
    );
  });
  const ms = performance.now() - t0;
  return { ms, rss: Number(await readFile(rssFile, 'utf8')), out };
}

const secondsRow = (measure: string, ms: number, below: number): BenchRow => ({
  section: SECTION,
  measure,
  figure: `${(ms / 1000).toFixed(1)} s`,
  target: `< ${below} s`,
  met: ms < below * 1000,
});

/** How many files a folder holds, all the way down. */
async function fileCount(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).length;
}

/**
 * Has the kernel write out what earlier steps left in its cache (the corpus, the store, the previous
 * export), so each step is timed for its own writes, not for the flushing of the one before.
 */
const settleDisk = () => spawnSync('sync');

/**
 * How long before the import no file may have been removed. On ext4 without a journal (as on the machine
 * measured) a file made within a minute of a removal is not given one of the inodes it freed, and each file
 * made skips past every such inode again: the import and the first exports would be timed for the files the
 * sections before removed. Nothing is removed within the section.
 */
const REMOVALS_FORGOTTEN_MS = 61_000;

/**
 * Imports 10,000 articles of about 500 words from one JSONL file into a new
 * store with `factmark import`, then exports them as JSONL, brat and W3C with
 * `factmark export`. Targets: the import < 10 s, each export < 5 s, the peak
 * memory of each < 300 MiB.
 */
export async function benchIo(): Promise<BenchRow[]> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'factmark-bench-io-'));
  const rows: BenchRow[] = [];
  try {
    const corpus = join(work, 'corpus.jsonl');
    const size = await writeCorpus(corpus);
    console.log(`io: ${ARTICLES} articles of ~${WORDS} words in one JSONL file of ${(size / 1048576).toFixed(1)} MiB`);
    const store = join(work, 'store');
    settleDisk();
    const wait = Math.max(0, REMOVALS_FORGOTTEN_MS - (performance.now() - started));
    console.log(
      `io: waiting ${(wait / 1000).toFixed(0)} s, so that no file removed before the section slows the files it makes`,
    );
    await sleep(wait);
    const imported = await timed(['import', corpus, '--store', store], work);
    const count = (await readdir(join(store, 'articles'))).filter((n) => n.endsWith('.json')).length;
    if (count !== ARTICLES) throw new Error(`the import saved ${count} articles, not ${ARTICLES}: ${imported.out}`);
    console.log(`io: import ${(imported.ms / 1000).toFixed(1)} s, peak ${(imported.rss / 1048576).toFixed(0)} MiB`);
    rows.push(secondsRow('import of one JSONL file (factmark import)', imported.ms, 10));
    rows.push(mibRow(SECTION, 'import: peak memory', imported.rss, 300));
    for (const format of ['jsonl', 'brat', 'w3c']) {
      const out = join(work, `out-${format}`);
      settleDisk();
      const exported = await timed(['export', '--format', format, '--out', out, '--store', store], work);
      const files = await fileCount(out);
      console.log(
        `io: export ${format} ${(exported.ms / 1000).toFixed(1)} s (${files} files), peak ${(exported.rss / 1048576).toFixed(0)} MiB`,
      );
      rows.push(secondsRow(`export ${format} (factmark export)`, exported.ms, 5));
      rows.push(mibRow(SECTION, `export ${format}: peak memory`, exported.rss, 300));
      // The export is kept until the section ends: removing its thousands of files here would have the next
      // export pay for it. On ext4 without a journal (as on the machine measured) a new file is not given the
      // inode of one removed in the last minute, and each file made skips past every such inode again.
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return rows;
}
