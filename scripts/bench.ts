// `npm run bench`: the speed figures Factmark promises, measured for real.
//  1. Median time to persist one annotation edit with 10 and with 10,000
//     articles in the store, and their ratio (target ≤ 1.5).
//  2. In headless Chromium, a 100,000-word article with 2,000 annotations:
//     time to first render (target < 500 ms), keypress-to-highlight and
//     keypress-to-arc (a link made by keyboard drawn over the text), each
//     (target < 50 ms).
//  3. Review on that article: three layers of 2,000 annotations each,
//     compared (target < 100 ms) and measured for agreement (target < 1 s).
//  4. CoNLL IOB2 export of a ~400 KB article with 2,000 annotations (target
//     < 1 s), and its time against a ~100 KB one (linear: ratio ≤ 6 for 4×
//     the text; a quadratic export would be near 16).
//  5. Team sync of 20 annotators × 1,000 articles through a loopback git
//     server (see bench-sync.ts): a sync with nothing to do (target < 5 s),
//     one bringing a colleague's 200 edits (target < 15 s), and the bare
//     repository's size after 10,000 edits. FACTMARK_BENCH_SYNC=0 skips it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { dispatch } from '../annotations/dispatch';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { startWebServer } from '../annotations/node/http-server';
import { agreementReport } from '../annotations/agreement/report';
import { compareLayers } from '../annotations/review/compare';
import { exportConll } from '../annotations/formats/conll-iob2-format';
import { DEFAULT_TAGSET } from '../annotations/default-tagset';
import { createHandlers } from '../annotations/service';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e-web/web-fixture';
import { syntheticAnnotations, syntheticArticle, syntheticRelations } from './bench-corpus';
import { benchSync, SYNC_ANNOTATORS, SYNC_ARTICLES } from './bench-sync';

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
    await seedRepo.close();
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
    await repo.close();
    return { median: median(times), openMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Sets, in the page, the time from the next keydown to the frame after `selector`
 * matches more elements than now, or (`span`) its first element's `data-span` changes.
 */
async function timeNextKey(page: Page, selector: string, watch: 'count' | 'span' = 'count'): Promise<void> {
  const count = await page.locator(selector).count();
  const span =
    watch === 'span'
      ? await page.evaluate((s) => document.querySelector<HTMLElement>(s)?.dataset.span ?? '', selector)
      : null;
  await page.evaluate(
    ({ selector, count, span }) => {
      const w = window as unknown as { __bench?: Promise<number> };
      w.__bench = new Promise<number>((resolve) => {
        let t0 = 0;
        addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (span === null && document.querySelectorAll(selector).length <= count) return;
          if (span !== null && (document.querySelector<HTMLElement>(selector)?.dataset.span ?? '') === span) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(document.querySelector('.cm-scroller')!, { childList: true, subtree: true });
      });
    },
    { selector, count, span },
  );
}

/** The time set by `timeNextKey`; a wait of more than ten seconds means the key did not do its work. */
const benchResult = (page: Page, what: string) =>
  page.evaluate(
    (what) =>
      Promise.race([
        (window as unknown as { __bench: Promise<number> }).__bench,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error(`${what}: nothing drawn in 10 s`)), 10_000),
        ),
      ]),
    what,
  );

async function renderCost(): Promise<{ firstRender: number[]; keypress: number[]; arcs: number[]; links: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'factmark-bench-'));
  const repo = await openLowdbRepository(dir);
  const article = await syntheticArticle('long', 100_000);
  await repo.addArticles([article]);
  const annotations = syntheticAnnotations(article, 2000);
  await repo.putAnnotations(article.id, annotations);
  const relations = syntheticRelations(annotations);
  await repo.updateLayer(article.id, (layer) => ({ ...layer, relations: [...layer.relations, ...relations] }));
  const { server, url } = await startWebServer({
    handlers: createHandlers(repo, { annotator: 'bench' }),
    staticDir: 'dist/renderer',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const firstRender: number[] = [];
  const keypress: number[] = [];
  const arcs: number[] = [];
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

    // Linking by keyboard, before any annotation is added (so ] steps through the synthetic ones): an even
    // claim selected with ], Alt+L, ] to the speaker after it, Enter; timed from Enter to the new arc drawn.
    await page.goto(`${url}/?run=arcs#/article/long`);
    await page.waitForSelector('.cm-content .fm-mark');
    await page
      .locator('.cm-content .cm-line')
      .first()
      .click({ position: { x: 2, y: 24 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press(']');
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Alt+l');
      await page.keyboard.press(']');
      await timeNextKey(page, '.fm-structure-layer path.fm-arc');
      await page.keyboard.press('Enter');
      arcs.push(await benchResult(page, `arc ${i + 1}`));
      await page.getByTestId('save-state').getByText('All changes saved').waitFor();
      // Linking selects the claim again; six steps on is the next even claim.
      for (let k = 0; k < 6; k++) await page.keyboard.press(']');
    }

    await page.goto(`${url}/?run=keys#/article/long`);
    await page.waitForSelector('.cm-content .fm-mark');
    for (let i = 0; i < 25; i++) {
      const line = page.locator('.cm-content .cm-line').nth(2 * (i % 4));
      await line.scrollIntoViewIfNeeded();
      const box = (await line.boundingBox())!;
      // On the text of the first visual line, below the span labels drawn above it.
      await page.mouse.click(box.x + 40 + i * 7, box.y + 24);
      for (let k = 0; k < 6; k++) await page.keyboard.press('Shift+ArrowRight');
      // The new annotation is drawn selected: its handles' span is the new one.
      await timeNextKey(page, '.cm-content .fm-handles', 'span');
      await page.keyboard.press('1');
      keypress.push(await benchResult(page, `highlight ${i + 1}`));
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { firstRender, keypress, arcs, links: relations.length };
}

/** Three layers of the long article: the same spans, each annotator moving or relabelling some. */
async function reviewCost(): Promise<{ compare: number[]; agreement: number[]; groups: number }> {
  const article = await syntheticArticle('long', 100_000, 7);
  const base = syntheticAnnotations(article, 2000);
  const layer = (annotator: string, every: number) =>
    base.map((a, i) => ({
      ...a,
      id: `${annotator}-${i}`,
      annotator,
      ...(i % every === 0 ? { end: a.end - 1, quote: a.quote.slice(0, -1) } : {}),
      ...(i % (every + 1) === 0 ? { kind: a.kind === 'claim' ? 'event' : 'claim' } : {}),
    }));
  const annotations = [...layer('a', 7), ...layer('b', 11), ...layer('c', 13)];
  const articleLayer = { annotations, relations: [], documentLabels: [] };
  const names = ['a', 'b', 'c'];
  const compare: number[] = [];
  const agreement: number[] = [];
  let groups = 0;
  for (let run = 0; run < 7; run++) {
    let t = performance.now();
    groups = compareLayers(articleLayer, names).length;
    compare.push(performance.now() - t);
    t = performance.now();
    agreementReport({
      annotators: names,
      labels: ['claim', 'speaker', 'event'],
      attributes: [{ label: 'claim', name: 'verdict' }],
      articles: [
        {
          id: article.id,
          text: article.text,
          layers: Object.fromEntries(
            names.map((n) => [
              n,
              {
                spans: annotations
                  .filter((a) => a.annotator === n)
                  .map((a) => ({ start: a.start, end: a.end, label: a.kind, attributes: a.attributes })),
              },
            ]),
          ),
        },
      ],
    });
    agreement.push(performance.now() - t);
  }
  return { compare, agreement, groups };
}

/** Median time to export one article of `words` words with 2,000 annotations as CoNLL IOB2. */
async function conllCost(words: number): Promise<{ median: number; bytes: number }> {
  const article = await syntheticArticle(`conll-${words}`, words, 3);
  const annotations = syntheticAnnotations(article, 2000);
  const input = {
    articles: [{ article, layer: { annotations, relations: [], documentLabels: [] } }],
    tagset: DEFAULT_TAGSET,
    entities: [],
    events: [],
    scope: { layer: 'one' as const, annotator: 'bench' },
  };
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const t = performance.now();
    exportConll(input);
    times.push(performance.now() - t);
  }
  return { median: median(times), bytes: new TextEncoder().encode(article.text).length };
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
  const { firstRender, keypress, arcs, links } = await renderCost();
  const fr = median(firstRender);
  const kp = median(keypress);
  console.log(
    `  first render (navigation start → text and highlights painted), median of ${firstRender.length}: ${ms(fr)}   (target < 500 ms: ${fr < 500 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  keypress → new highlight painted, median of ${keypress.length}: ${ms(kp)} (max ${ms(Math.max(...keypress))})   (target < 50 ms: ${kp < 50 ? 'met' : 'MISSED'})`,
  );
  const arc = median(arcs);
  console.log(
    `  keypress → new link arc painted (Alt+L, ], Enter; ${links} links in the article), median of ${arcs.length}: ${ms(arc)} (max ${ms(Math.max(...arcs))})   (target < 50 ms: ${arc < 50 ? 'met' : 'MISSED'})`,
  );

  console.log('\n3. Review of that article: three layers of 2,000 annotations each, median of 7');
  const review = await reviewCost();
  const cmp = median(review.compare);
  const agr = median(review.agreement);
  console.log(
    `  compare the layers (${review.groups} groups): ${ms(cmp)}   (target < 100 ms: ${cmp < 100 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  agreement report (spans, tokens, unitizing, attributes): ${ms(agr)}   (target < 1000 ms: ${agr < 1000 ? 'met' : 'MISSED'})`,
  );

  console.log('\n4. CoNLL IOB2 export of one article with 2,000 annotations, median of 7');
  const shorter = await conllCost(15_500);
  const longer = await conllCost(62_000);
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  console.log(`  ${kb(shorter.bytes)}: ${ms(shorter.median)}`);
  console.log(
    `  ${kb(longer.bytes)}: ${ms(longer.median)}   (target < 1000 ms: ${longer.median < 1000 ? 'met' : 'MISSED'})`,
  );
  const growth = longer.median / shorter.median;
  console.log(
    `  ratio for ${(longer.bytes / shorter.bytes).toFixed(1)}× the text: ${growth.toFixed(2)}   (target ≤ 6, linear: ${growth <= 6 ? 'met' : 'MISSED'})`,
  );

  console.log(
    `\n5. Team sync: ${SYNC_ANNOTATORS} annotators × ${SYNC_ARTICLES.toLocaleString('en')} articles through a loopback git server, the real sync engine`,
  );
  if (process.env.FACTMARK_BENCH_SYNC === '0') {
    console.log('  skipped: FACTMARK_BENCH_SYNC=0 (the section takes a few minutes)');
    return;
  }
  const syncDir = await mkdtemp(join(tmpdir(), 'factmark-bench-sync-'));
  try {
    await benchSync(syncDir);
  } finally {
    await rm(syncDir, { recursive: true, force: true });
  }
}

await main();
