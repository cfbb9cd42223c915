// Section 2 of `npm run bench`: the editor in headless Chromium on a
// 100,000-word article with 2,000 annotations (and its links): first render,
// keypress → new highlight, keypress → new link arc.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { startWebServer } from '../annotations/node/http-server';
import { createHandlers } from '../annotations/service';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e-web/web-fixture';
import { syntheticAnnotations, syntheticArticle, syntheticRelations } from './bench-corpus';
import { benchResult, fromKeyEvent, timeNextKey } from './bench-key-timing';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';
import { watchFirstPaint } from './bench-startup';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function renderCost(): Promise<{
  firstRender: number[];
  editorReady: number[];
  keypress: number[];
  keypressFromEvent: number[];
  arcs: number[];
  links: number;
}> {
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
  const editorReady: number[] = [];
  const keypress: number[] = [];
  const keypressFromEvent: number[] = [];
  const arcs: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(watchFirstPaint);
    for (let run = 0; run < 7; run++) {
      await page.goto(`${url}/?run=${run}#/article/long`);
      // Navigation start to the first frame painted with the text and its highlights (the entry's plain drawing
      // of them, see bench-startup.ts), and to the editor's own.
      const [painted, editor] = await page.evaluate(() => {
        const w = window as unknown as Record<string, Promise<number>>;
        return Promise.all([w.__painted!, w.__editor!]);
      });
      firstRender.push(painted);
      editorReady.push(editor);
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
      await timeNextKey(page, '.fm-structure-layer path.fm-arc', 'new-d');
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
      keypressFromEvent.push(await fromKeyEvent(page));
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { firstRender, editorReady, keypress, keypressFromEvent, arcs, links: relations.length };
}

export async function benchEditor(): Promise<BenchRow[]> {
  const section = 'Editor, 100,000-word article';
  console.log('2. Headless Chromium, a 100,000-word article with 2,000 annotations');
  const { firstRender, editorReady, keypress, keypressFromEvent, arcs, links } = await renderCost();
  const fr = median(firstRender);
  const er = median(editorReady);
  const kp = median(keypress);
  const kpMax = Math.max(...keypress);
  const arc = median(arcs);
  const arcMax = Math.max(...arcs);
  console.log(
    `  first render (navigation start → text and highlights painted), median of ${firstRender.length}: ${fr.toFixed(1)} ms`,
  );
  console.log(
    `    the editor's own first frame, median: ${er.toFixed(1)} ms; all: ${editorReady.map((t) => t.toFixed(0)).join(' ')}`,
  );
  console.log(
    `  keypress → new highlight painted, median of ${keypress.length}: ${kp.toFixed(1)} ms (max ${kpMax.toFixed(1)} ms)`,
  );
  console.log(`    each, in order: ${keypress.map((t) => t.toFixed(0)).join(' ')}`);
  const fe = median(keypressFromEvent);
  const feMax = Math.max(...keypressFromEvent);
  console.log(
    `    the same keys from the key event's own time (with any wait for the page's main thread): median ${fe.toFixed(1)} ms (max ${feMax.toFixed(1)} ms)`,
  );
  console.log(`    each, in order: ${keypressFromEvent.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(
    `  keypress → new link arc painted (Alt+L, ], Enter; ${links} links in the article), median of ${arcs.length}: ${arc.toFixed(1)} ms (max ${arcMax.toFixed(1)} ms)`,
  );
  console.log(`    each, in order: ${arcs.map((t) => t.toFixed(0)).join(' ')}`);
  return [
    msRow(section, 'first render (median)', fr, 500),
    // A ceiling, as in the start-up section: the editor's frame follows the plain first one.
    msRow(section, 'editor ready after it (median)', er, 1000),
    msRow(section, 'keypress → new highlight (median)', kp, 16),
    msRow(section, 'keypress → new highlight (max)', kpMax, 33),
    // The same keys from the event's time stamp: shown beside the targets' figures, not measured against them.
    { ...msRow(section, 'the same from the key event’s time (median)', fe, 16), target: '–', met: true },
    { ...msRow(section, 'the same from the key event’s time (max)', feMax, 33), target: '–', met: true },
    msRow(section, 'keypress → new link arc (median)', arc, 50),
  ];
}
