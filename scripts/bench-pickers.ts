// The export dialog and the dashboard on a store of 100,000 articles: their
// article choice asks the server for the matches of the text typed, a window
// at a time, never the whole list. Timed over HTTP: a window of the titles
// holding a fragment, for a fragment most titles hold and for one a single
// title holds (median of several runs, target < 300 ms), with the size of the
// answer beside the whole list's. Then in headless Chromium: the export
// dialog opened until it can be typed in (target < 1 s), a title fragment
// typed until its article is offered (target < 300 ms), and whether the whole
// list was asked for.
// The store is the one given, else its own (see bench-store-dir.ts).
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, spawnWebServer } from '../tests/e2e-web/web-fixture';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';
import { withBenchStore } from './bench-store-dir';

const ARTICLES = 100_000;
const SECTION = `Article pickers, ${ARTICLES.toLocaleString('en')} articles`;
const RUNS = 7;
const RARE = '(77777)';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One operation over HTTP as the renderer sends it: the time until the answer is parsed, and its size. */
async function call(url: string, name: string, args: object): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const response = await fetch(`${url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  const envelope = JSON.parse(text) as { ok: boolean; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return { ms: performance.now() - t0, bytes: Buffer.byteLength(text) };
}

async function timed(runs: number, work: () => Promise<{ ms: number; bytes: number }>) {
  const answers: { ms: number; bytes: number }[] = [];
  for (let run = 0; run < runs; run++) answers.push(await work());
  return { ms: median(answers.map((a) => a.ms)), bytes: answers[0]!.bytes };
}

/** The export dialog in headless Chromium: opened, then a rare title fragment typed until its article shows. */
async function dialogInBrowser(url: string, log: (line: string) => void) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let wholeList = false;
    page.on('request', (request) => void (request.url().endsWith('/api/articles/list') && (wholeList = true)));
    await page.goto(url);
    await page.getByRole('navigation', { name: 'Articles' }).getByRole('button').first().waitFor({ timeout: 60_000 });
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const input = dialog.getByRole('combobox', { name: 'Articles (none chosen: all)' });
    // The dialog also asks for its review counts (its "Left out" line), the first over every article: noted, as it shares the server.
    let progressMs = -1;
    const t0 = performance.now();
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/api/review/summary') && progressMs < 0) progressMs = performance.now() - t0;
    });
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText(`else all ${ARTICLES}`).waitFor({ timeout: 60_000 });
    await input.waitFor();
    const openMs = performance.now() - t0;
    const typed = async (text: string) => {
      const t1 = performance.now();
      await input.fill(text);
      await dialog
        .getByRole('option', { name: new RegExp(text.replace(/[()]/g, '\\$&')) })
        .waitFor({ timeout: 60_000 });
      return performance.now() - t1;
    };
    const typedMs = await typed(RARE);
    // Again once the counts have come, the server free: what typing costs by itself (Playwright's round trips in).
    // Bounded: a request that failed never finishes, and the run must still end.
    for (const until = performance.now() + 60_000; progressMs < 0 && performance.now() < until;)
      await page.waitForTimeout(50);
    const alone: number[] = [];
    for (const text of ['(12345)', '(54321)', '(99999)']) alone.push(await typed(text));
    const typedAloneMs = median(alone);
    log(
      `  browser: export dialog ready ${openMs.toFixed(0)} ms after the click (its review counts came after ${progressMs.toFixed(0)} ms); "${RARE}" offered ${typedMs.toFixed(0)} ms after typing, ${typedAloneMs.toFixed(0)} ms (median of 3) once the counts had come; whole list asked for: ${wholeList}`,
    );
    return { openMs, typedMs, typedAloneMs, wholeList };
  } finally {
    await browser.close();
  }
}

/** The section over `storeDir`, a store of 100,000 articles as written by `openBenchStore`; without one, it writes its own. */
export async function benchPickers(log: (line: string) => void = console.log, storeDir?: string): Promise<BenchRow[]> {
  return withBenchStore(storeDir, ARTICLES, log, (dir) => measurePickers(dir, log));
}

async function measurePickers(dir: string, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { url, child } = await spawnWebServer(['--port', '0', '--store', dir, '--annotator', 'bench']);
  try {
    await call(url, 'articles/page', { offset: 0, limit: 1 });
    const whole = await call(url, 'articles/list', {});
    log(
      `  the whole list (what the pickers no longer ask for): ${(whole.bytes / 2 ** 20).toFixed(1)} MiB in ${whole.ms.toFixed(0)} ms`,
    );
    for (const [what, text] of [
      ['a fragment every title holds', 'meets'],
      ['a fragment one title holds', RARE],
    ] as const) {
      const window = await timed(RUNS, () => call(url, 'articles/page', { offset: 0, limit: 50, titleContains: text }));
      log(`  titles holding "${text}", first 50: ${window.ms.toFixed(1)} ms, ${(window.bytes / 1024).toFixed(1)} KiB`);
      rows.push(msRow(SECTION, `titles holding ${what}, first window`, window.ms, 300));
    }
    const browser = await dialogInBrowser(url, log);
    rows.push(msRow(SECTION, 'browser: export dialog open, ready to type in', browser.openMs, 1_000));
    rows.push(msRow(SECTION, 'browser: a title fragment typed at once → its article offered', browser.typedMs, 300));
    rows.push(
      msRow(SECTION, 'browser: the same, the dialog’s review counts come (median of 3)', browser.typedAloneMs, 300),
    );
    rows.push({
      section: SECTION,
      measure: 'browser: the whole article list asked for',
      figure: browser.wholeList ? 'yes' : 'no',
      target: 'no',
      met: !browser.wholeList,
    });
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  return rows;
}
