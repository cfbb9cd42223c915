// The editor's start-up on a large store: in headless Chromium, navigation
// start to the first frame painted with an annotated article's text and its
// highlights, and to the article list's first rows, on a store of 50,000
// articles served by the web server (`dist/server.mjs`) in its own process.
// The whole article list is megabytes there: the article should paint
// without waiting for it (the same target as the small store's start-up,
// < 250 ms), and the list follows (bounded in seconds only).
// FACTMARK_BENCH_STORE_DIR: a store to use (written there once when empty).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e-web/web-fixture';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';
import { writeBenchStore } from './bench-store-corpus';

const ARTICLES = 50_000;
const SECTION = `Start-up, store of ${ARTICLES.toLocaleString('en')} articles`;
const RUNS = 5;
/** One of the articles `writeBenchStore` annotates (every count/200th). */
const OPENED = `b${ARTICLES / 200}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `dist/server.mjs` on the store, serving the renderer in `staticDir`. */
async function startServer(storeDir: string, staticDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['dist/server.mjs', '--port', '0', '--store', storeDir, '--annotator', 'bench', '--static', staticDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`the web server exited with ${String(code)}: ${stderr}`)));
  });
  return { url, child };
}

/**
 * Runs in the page before its own scripts: notes when the frame showing the
 * article's first highlight is painted, and when the article list first
 * shows rows. A string, so the bundler's helpers never end up in the page.
 */
const WATCH_START = `
  const once = (selector) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  window.__painted = once('.cm-content .fm-mark');
  window.__listed = once('nav[aria-label="Articles"] li button');
`;

export async function benchStartupLargeStore(
  staticDir = 'dist/renderer',
  log: (line: string) => void = console.log,
): Promise<BenchRow[]> {
  const kept = process.env.FACTMARK_BENCH_STORE_DIR;
  const dir = kept ?? (await mkdtemp(join(tmpdir(), 'factmark-bench-startup-')));
  try {
    if (!existsSync(join(dir, 'index.json'))) {
      log(`Writing a store of ${ARTICLES.toLocaleString('en')} articles in ${dir}`);
      await writeBenchStore(dir, ARTICLES);
    }
    const server = await startServer(dir, staticDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const painted: number[] = [];
    const listed: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        await context.addInitScript(WATCH_START);
        const page = await context.newPage();
        await page.goto(`${server.url}/?run=${run}#/article/${OPENED}`, { waitUntil: 'commit' });
        const times = await page.evaluate(async () => {
          const w = window as unknown as { __painted: Promise<number>; __listed: Promise<number> };
          const [paint, list] = await Promise.all([w.__painted, w.__listed]);
          const listAsked = performance
            .getEntriesByType('resource')
            .find((r) => r.name.endsWith('/api/articles/list'))?.startTime;
          return { paint, list, listAsked: listAsked ?? Number.NaN };
        });
        if (run === 0 && process.env.FACTMARK_BENCH_SCREENSHOT)
          await page.screenshot({ path: process.env.FACTMARK_BENCH_SCREENSHOT });
        log(
          `  run ${run + 1}: article painted ${times.paint.toFixed(0)} ms, list asked for at ` +
            `${times.listAsked.toFixed(0)} ms, list shown ${times.list.toFixed(0)} ms`,
        );
        painted.push(times.paint);
        listed.push(times.list);
        await context.close();
      }
    } finally {
      await browser.close();
      server.child.kill('SIGTERM');
    }
    log(`  median: article painted ${median(painted).toFixed(0)} ms, list shown ${median(listed).toFixed(0)} ms`);
    return [
      msRow(SECTION, 'first paint of the article (median)', median(painted), 250),
      msRow(SECTION, 'article list shows (median)', median(listed), 5_000),
    ];
  } finally {
    if (!kept) await rm(dir, { recursive: true, force: true });
  }
}
