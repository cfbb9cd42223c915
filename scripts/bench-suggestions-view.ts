// The suggestions' ghosts in headless Chromium, on the editor benchmark's
// 100,000-word article with 2,000 annotations and a registry naming its
// places (thousands of ghosts): the first render with suggestions on, when
// the ghosts are drawn, typing a tag with them drawn, and accepting one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { startWebServer } from '../annotations/node/http-server';
import { createHandlers } from '../annotations/service';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e-web/web-fixture';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';
import { benchResult, settled, timeNextKey, watchQuestions } from './bench-key-timing';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';

const SECTION = 'Suggestion ghosts, 100,000-word article';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Before the page's own scripts: notes when the first highlight and the first
 * ghost are painted, in the page's own clock (the server answers in this
 * process, so a time taken from here would count its work too).
 */
const PAINT_WATCH = () => {
  const w = window as unknown as { __painted: Record<string, number> };
  w.__painted = {};
  const watch = new MutationObserver(() => {
    for (const [name, selector] of [
      ['marks', '.cm-content .fm-mark'],
      ['ghosts', '.cm-content .fm-ghost'],
    ] as const) {
      if (w.__painted[name] === undefined && document.querySelector(selector)) {
        w.__painted[name] = -1;
        requestAnimationFrame(() => (w.__painted[name] = performance.now()));
      }
    }
  });
  addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
};

const painted = (page: Page, name: 'marks' | 'ghosts') =>
  page
    .waitForFunction(
      (name) => {
        const at = (window as unknown as { __painted?: Record<string, number> }).__painted?.[name];
        return at !== undefined && at > 0 ? at : false;
      },
      name,
      { timeout: 60_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);

/** Puts the caret at `offset` of the text, as a click there would. */
const caretAt = (page: Page, offset: number) =>
  page.evaluate((anchor) => {
    const view = document.querySelector('.cm-content')?.cmTile?.root?.view;
    if (!view) throw new Error('no article text on screen');
    view.focus();
    view.dispatch({ selection: { anchor }, scrollIntoView: true });
  }, offset);

export async function benchSuggestionsView(): Promise<BenchRow[]> {
  console.log(
    'Suggestion ghosts: headless Chromium, a 100,000-word article, 2,000 annotations, a registry of its places',
  );
  const dir = await mkdtemp(join(tmpdir(), 'factmark-bench-ghosts-'));
  const repo = await openLowdbRepository(dir);
  const article = await syntheticArticle('long', 100_000);
  await repo.addArticles([article]);
  await repo.putAnnotations(article.id, syntheticAnnotations(article, 2000));
  const handlers = createHandlers(repo, { annotator: 'bench' });
  for (const name of ['Iran', 'Iraq', 'Tehran']) await handlers['entities/create']({ name, type: 'place' });
  const { server, url } = await startWebServer({ handlers, staticDir: 'dist/renderer' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const firstRender: number[] = [];
  const ghostsDrawn: number[] = [];
  const keypress: number[] = [];
  const accept: number[] = [];
  const acceptShown: number[] = [];
  let open = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const questions = watchQuestions(page);
    await page.addInitScript(PAINT_WATCH);
    for (let run = 0; run < 5; run++) {
      await page.goto(`${url}/?run=${run}#/article/long`);
      firstRender.push(await painted(page, 'marks'));
      ghostsDrawn.push(await painted(page, 'ghosts'));
    }
    const layer = page.getByRole('region', { name: 'Layers' }).getByRole('checkbox', { name: /Suggestions/ });
    open = Number((await layer.locator('xpath=..').textContent())?.match(/(\d+)\s*$/)?.[1] ?? 0);
    console.log(`  ${open} suggestions open, drawn as ghosts`);

    // Typing a tag with the ghosts drawn: six characters selected in plain text, a kind's key, each on a
    // settled page as in the editor section (bench-key-timing.ts).
    await settled(page, questions);
    for (let i = 0; i < 15; i++) {
      // Spread over the text (the caret scrolls there), where ghosts are drawn all around.
      const at = 5000 + i * 3001;
      await caretAt(page, at);
      await page.keyboard.press('Escape');
      for (let k = 0; k < 6; k++) await page.keyboard.press('Shift+ArrowRight');
      await timeNextKey(page, '.cm-content .fm-handles', 'span');
      await page.keyboard.press('1');
      keypress.push(await benchResult(page, `tag ${i + 1}`));
      await settled(page, questions);
    }

    // Enter in a ghost: from the key to the accepted span's highlight painted (after the server's answer).
    for (let i = 0; i < 15; i++) {
      const ghost = page.locator('.cm-content .fm-ghost').nth(3 + i);
      const id = (await ghost.getAttribute('data-suggestion'))!;
      const start = Number(/-(\d+)-\d+$/.exec(id)![1]);
      await caretAt(page, start + 1);
      await page.keyboard.press('Escape');
      await caretAt(page, start + 1);
      await timeNextKey(page, '.cm-content .fm-ghost', 'count', '__ghost');
      await timeNextKey(page, '.cm-content .fm-mark');
      await page.keyboard.press('Enter');
      acceptShown.push(await benchResult(page, `accept ${i + 1}`, '__ghost'));
      accept.push(await benchResult(page, `accept ${i + 1}`));
      await page.getByTestId('save-state').getByText('All changes saved').waitFor();
    }
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const fr = median(firstRender);
  const gd = median(ghostsDrawn);
  const kp = median(keypress);
  const kpMax = Math.max(...keypress);
  const ac = median(accept);
  const as = median(acceptShown);
  console.log(
    `  first render with suggestions on (navigation → text and highlights painted), median of 5: ${fr.toFixed(1)} ms`,
  );
  console.log(`    each, in order: ${firstRender.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(
    `  ghosts drawn (navigation → first ghost painted; the server suggests meanwhile), median of 5: ${gd.toFixed(1)} ms`,
  );
  console.log(
    `  keypress → new highlight with ghosts drawn, median of 15: ${kp.toFixed(1)} ms (max ${kpMax.toFixed(1)} ms)`,
  );
  console.log(`    each, in order: ${keypress.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`  Enter in a ghost → the ghost gone (painted), median of 15: ${as.toFixed(1)} ms`);
  console.log(`    each, in order: ${acceptShown.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(
    `  Enter in a ghost → accepted highlight painted (after the server's answer), median of 15: ${ac.toFixed(1)} ms`,
  );
  console.log(`    each, in order: ${accept.map((t) => t.toFixed(0)).join(' ')}`);
  return [
    msRow(SECTION, 'first render, suggestions on (median)', fr, 500),
    msRow(SECTION, `ghosts drawn, ${open} open (median)`, gd, 5000),
    msRow(SECTION, 'keypress → new highlight, ghosts drawn (median)', kp, 16),
    msRow(SECTION, 'keypress → new highlight, ghosts drawn (max)', kpMax, 33),
    msRow(SECTION, 'Enter in a ghost → ghost gone (median)', as, 16),
    msRow(SECTION, 'Enter in a ghost → highlight, server included (median)', ac, 1000),
  ];
}
