// `npm run bench`: the speed figures Factmark promises, measured for real.
//  1. Median time to persist one annotation edit with 10 and with 10,000
//     articles in the store, and their ratio (target ≤ 1.5).
//  2. In headless Chromium, a 100,000-word article with 2,000 annotations:
//     time to first render (target < 500 ms) and keypress-to-highlight
//     (target < 50 ms).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { dispatch } from '../annotations/dispatch';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { startWebServer } from '../annotations/node/http-server';
import { createHandlers } from '../annotations/service';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e-web/web-fixture';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function editCost(articleCount: number): Promise<{ median: number; openMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'factmark-bench-'));
  try {
    const seedRepo = await openLowdbRepository(dir);
    const articles = await Promise.all(
      Array.from({ length: articleCount }, (_, i) => syntheticArticle(`a${i}`, 300, i + 1)),
    );
    await seedRepo.addArticles(articles);
    for (const article of articles.slice(0, Math.min(articleCount, 50))) {
      await seedRepo.putAnnotations(article.id, syntheticAnnotations(article, 20));
    }
    const t0 = performance.now();
    const repo = await openLowdbRepository(dir);
    const openMs = performance.now() - t0;
    const handlers = createHandlers(repo, { annotator: 'bench' });
    const target = articles[Math.floor(articleCount / 2) % 50]!;
    const id = `bench-3`;
    await dispatch(handlers, 'annotations/list', { articleId: target.id });
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      const envelope = await dispatch(handlers, 'annotations/update', {
        articleId: target.id,
        id,
        attributes: { verdict: i % 2 === 0 ? 'false' : 'true' },
      });
      times.push(performance.now() - start);
      if (!envelope.ok) throw new Error(envelope.error.message);
    }
    return { median: median(times), openMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function renderCost(): Promise<{ firstRender: number[]; keypress: number[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'factmark-bench-'));
  const repo = await openLowdbRepository(dir);
  const article = await syntheticArticle('long', 100_000);
  await repo.addArticles([article]);
  await repo.putAnnotations(article.id, syntheticAnnotations(article, 2000));
  const { server, url } = await startWebServer({
    handlers: createHandlers(repo, { annotator: 'bench' }),
    staticDir: 'dist/renderer',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const firstRender: number[] = [];
  const keypress: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    for (let run = 0; run < 7; run++) {
      await page.goto(`${url}/?run=${run}#/article/long`);
      await page.waitForSelector('.cm-content .fm-mark');
      // Navigation start to the first frame painted with the text and its highlights.
      firstRender.push(
        await page.evaluate(
          () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
        ),
      );
    }
    console.log(`  words: ${article.text.split(/\s+/).length}, characters: ${article.text.length}, annotations: 2000`);

    for (let i = 0; i < 25; i++) {
      const line = page.locator('.cm-content .cm-line').nth(2 * (i % 4));
      const box = (await line.boundingBox())!;
      await page.mouse.click(box.x + 40 + i * 7, box.y + 6);
      for (let k = 0; k < 6; k++) await page.keyboard.press('Shift+ArrowRight');
      await page.evaluate(() => {
        const w = window as unknown as { __bench?: Promise<number> };
        const before = document.querySelectorAll('.cm-content .fm-mark').length;
        w.__bench = new Promise<number>((resolve) => {
          let t0 = 0;
          addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (document.querySelectorAll('.cm-content .fm-mark').length > before) {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - t0));
            }
          });
          observer.observe(document.querySelector('.cm-content')!, { childList: true, subtree: true });
        });
      });
      await page.keyboard.press('1');
      keypress.push(await page.evaluate(() => (window as unknown as { __bench: Promise<number> }).__bench));
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { firstRender, keypress };
}

async function main(): Promise<void> {
  console.log('Factmark benchmark\n');
  console.log(
    '1. Persisting one annotation edit (annotations/update through the contract, fsync included), median of 200',
  );
  const small = await editCost(10);
  console.log(`  10 articles:     ${ms(small.median)}   (store opened in ${ms(small.openMs)})`);
  const large = await editCost(10_000);
  console.log(`  10,000 articles: ${ms(large.median)}   (store opened in ${ms(large.openMs)})`);
  const ratio = large.median / small.median;
  console.log(`  ratio: ${ratio.toFixed(2)}   (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'MISSED'})\n`);

  console.log('2. Headless Chromium, a 100,000-word article with 2,000 annotations');
  const { firstRender, keypress } = await renderCost();
  const fr = median(firstRender);
  const kp = median(keypress);
  console.log(
    `  first render (navigation start → text and highlights painted), median of ${firstRender.length}: ${ms(fr)}   (target < 500 ms: ${fr < 500 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  keypress → new highlight painted, median of ${keypress.length}: ${ms(kp)} (max ${ms(Math.max(...keypress))})   (target < 50 ms: ${kp < 50 ? 'met' : 'MISSED'})`,
  );
}

await main();
