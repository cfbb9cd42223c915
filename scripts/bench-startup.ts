// The editor's start-up in headless Chromium: navigation start to the first
// frame painted with a 10,000-word article's text and its 200 highlights, in
// a fresh browser context per run (nothing cached) and in one context
// reloaded (the browser warm). That frame is the entry's plain drawing of the
// text (renderer/src/first-paint/), or the editor's if it came first; the
// editor's own first frame, which replaces it, is measured too. Also prints
// the size of the entry chunk and of all the script the first paint loaded.
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { chromium } from '@playwright/test';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { CHROMIUM, CHROMIUM_ARGS, spawnWebServer } from '../tests/e2e-web/web-fixture';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** What one page load reports about itself. */
interface LoadTimes {
  /** Navigation start → the frame with the text and its highlights painted (the plain first paint or the editor). */
  painted: number;
  /** Navigation start → the editor's frame with the text and its highlights painted. */
  editor: number;
  /** Navigation start → the article's text asked for (`articles/get` sent). */
  articleAsked: number;
  /** Navigation start → the entry script fully received. */
  entryLoaded: number;
  /** Bytes of script received before the first paint. */
  scriptBytes: number;
}

/**
 * Runs in the page before any of its own scripts (Playwright injects it, so
 * the page's CSP does not apply): watches for the first highlight in the
 * text, drawn plainly (`.fm-first-paint`) or by the editor (`.cm-content`),
 * and for the editor's, and notes the time once the frame that shows each has
 * been painted (the task after that frame's animation callbacks).
 */
export function watchFirstPaint(): void {
  const w = window as unknown as Record<string, Promise<number>>;
  // No named function in here: the compiler would wrap it in a helper the page does not have.
  const watched = {
    __painted: '.fm-first-paint .fm-mark, .cm-content .fm-mark',
    __editor: '.cm-content .fm-mark',
  };
  for (const [name, selector] of Object.entries(watched))
    w[name] = new Promise<number>((resolve) => {
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
}

async function loadOnce(context: BrowserContext, url: string): Promise<LoadTimes> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate(async () => {
      const w = window as unknown as { __painted: Promise<number>; __editor: Promise<number> };
      const painted = await w.__painted;
      const editor = await w.__editor;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
      const articleGet = resources.find((r) => r.name.endsWith('/api/articles/get'));
      const scripts = resources.filter((r) => r.name.endsWith('.js') && r.responseEnd <= painted);
      return {
        painted,
        editor,
        articleAsked: articleGet?.startTime ?? Number.NaN,
        entryLoaded: resources.find((r) => r.name === entry)?.responseEnd ?? Number.NaN,
        scriptBytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
      };
    });
  } finally {
    await page.close();
  }
}

/** Seven loads in fresh contexts (cold) and seven reloads in one context after a first load (warm). */
async function measure(browser: Browser, url: string): Promise<{ cold: LoadTimes[]; warm: LoadTimes[] }> {
  const options = { viewport: { width: 1400, height: 900 } };
  const cold: LoadTimes[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext(options);
    await context.addInitScript(watchFirstPaint);
    cold.push(await loadOnce(context, `${url}/?cold=${run}#/article/ten`));
    await context.close();
  }
  const context = await browser.newContext(options);
  await context.addInitScript(watchFirstPaint);
  const warm: LoadTimes[] = [];
  await loadOnce(context, `${url}/?warmup#/article/ten`);
  for (let run = 0; run < RUNS; run++) warm.push(await loadOnce(context, `${url}/?warm=${run}#/article/ten`));
  await context.close();
  return { cold, warm };
}

/** The entry chunk named by the built index.html, and its size. */
async function entryChunk(staticDir: string): Promise<{ name: string; bytes: number }> {
  const html = await readFile(join(staticDir, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${staticDir}/index.html names no module script`);
  return { name: src, bytes: (await stat(join(staticDir, src))).size };
}

function report(label: string, loads: LoadTimes[]): { painted: number; editor: number } {
  const painted = median(loads.map((l) => l.painted));
  const editor = median(loads.map((l) => l.editor));
  const asked = median(loads.map((l) => l.articleAsked));
  const entry = median(loads.map((l) => l.entryLoaded));
  console.log(
    `  ${label}, median of ${loads.length}: painted ${painted.toFixed(1)} ms ` +
      `(article asked for at ${asked.toFixed(1)} ms, entry script in at ${entry.toFixed(1)} ms, ` +
      `${kb(loads[0]!.scriptBytes)} of script before the paint); all: ${loads.map((l) => l.painted.toFixed(0)).join(', ')}`,
  );
  console.log(
    `    the editor's own first frame, median: ${editor.toFixed(1)} ms; all: ${loads.map((l) => l.editor.toFixed(0)).join(', ')}`,
  );
  return { painted, editor };
}

export async function benchStartup(staticDir = 'dist/renderer'): Promise<BenchRow[]> {
  const section = 'Start-up, 10,000-word article';
  console.log('Start-up: headless Chromium, a 10,000-word article with 200 annotations');
  const entry = await entryChunk(staticDir);
  console.log(`  entry chunk ${entry.name}: ${kb(entry.bytes)}`);
  const dir = await mkdtemp(join(tmpdir(), 'factmark-bench-'));
  const repo = await openLowdbRepository(dir);
  const article = await syntheticArticle('ten', 10_000);
  await repo.addArticles([article]);
  await repo.putAnnotations(article.id, syntheticAnnotations(article, 200));
  await repo.close();
  // The server in a process of its own, as `npm start` runs it: in this one it would answer the page only
  // between the browser automation's own messages.
  const { url, child } = await spawnWebServer([
    '--port',
    '0',
    '--store',
    dir,
    '--annotator',
    'bench',
    '--static',
    staticDir,
  ]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const { cold, warm } = await measure(browser, url);
    const c = report('cold cache', cold);
    const w = report('warm', warm);
    return [
      msRow(section, 'first paint, cold cache (median)', c.painted, 250),
      msRow(section, 'first paint, warm (median)', w.painted, 250),
      // The editor's own frame comes after the first paint (its code loads once that is on screen): a ceiling,
      // so that it does not drift; before the plain first paint it came at about 500 ms.
      msRow(section, 'editor ready after it, cold cache (median)', c.editor, 1000),
      msRow(section, 'editor ready after it, warm (median)', w.editor, 1000),
    ];
  } finally {
    await browser.close();
    child.kill();
    await once(child, 'exit');
    await rm(dir, { recursive: true, force: true });
  }
}
