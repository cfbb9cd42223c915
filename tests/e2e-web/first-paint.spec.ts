import type { Page } from '@playwright/test';
import type { ImportReport } from '../../annotations/contract';
import { callApi } from './web-api';
import type { WebApp } from './web-fixture';
import { expect, test } from './web-fixture';

/**
 * The entry draws the article's text and highlights as plain DOM before the
 * app's code has loaded (renderer/src/first-paint/); the app then replaces
 * it with its own first frame. A user sees the text sooner, and it must not
 * move, change colour or be drawn twice when the editor takes its place, nor
 * when the project's status comes after it.
 */

/** Where the text's characters on screen are and how they are highlighted, at some offsets of the text. */
interface Drawn {
  topBar: number;
  at: { offset: number; x: number; y: number; background: string }[];
}

/**
 * Reads the text's lines as the view draws them (the plain drawing's, or the editor's), counts characters
 * (a line break between lines counts one), and measures the character at each offset: its box, and the
 * background of the highlight around it (the innermost one), or "none". Only characters within the window:
 * the editor draws the lines out of sight later, or not at all.
 */
const measure = (page: Page, lines: string, offsets: number[]) =>
  page.evaluate(
    ([selector, wanted]) => {
      const found: { offset: number; x: number; y: number; background: string }[] = [];
      let base = 0;
      for (const line of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let lineLength = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const offset of wanted) {
            const inNode = offset - base - lineLength;
            if (inNode < 0 || inNode >= text.length) continue;
            const range = document.createRange();
            range.setStart(node, inNode);
            range.setEnd(node, inNode + 1);
            const box = range.getBoundingClientRect();
            if (box.top >= window.innerHeight) continue;
            let background = 'none';
            for (let el = node.parentElement; el && !el.matches(selector); el = el.parentElement) {
              if (!el.classList.contains('fm-mark')) continue;
              background = getComputedStyle(el).backgroundColor;
              break;
            }
            found.push({ offset, x: Math.round(box.x * 2) / 2, y: Math.round(box.y * 2) / 2, background });
          }
          lineLength += text.length;
        }
        base += lineLength + 1;
      }
      const topBar = document.querySelector('.top-bar')!.getBoundingClientRect().height;
      return { topBar, at: found.sort((a, b) => a.offset - b.offset) };
    },
    [lines, offsets] as const,
  ) as Promise<Drawn>;

/** Opens `articleId` with the app's code held back until `release` is called. */
async function openHeld(page: Page, app: WebApp, articleId: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/boot-*.js', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${app.url}/#/article/${articleId}`);
  return { release };
}

/**
 * Waits for the app to be drawn whole: the editor's highlights, and the project's sync status, whose words
 * come after the app's first frame and must not move the text either.
 */
async function appDrawn(page: Page): Promise<void> {
  await expect(page.locator('.cm-content .fm-mark').first()).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveText('Not shared');
}

async function annotatedArticle(app: WebApp): Promise<{ id: string; offsets: number[] }> {
  const [first] = await callApi<{ id: string }[]>(app, 'articles/list', {});
  const { text } = await callApi<{ text: string }>(app, 'articles/get', { articleId: first!.id });
  const span = async (kind: string, start: number, end: number) =>
    callApi(app, 'annotations/create', { articleId: first!.id, kind, start, end, quote: text.slice(start, end) });
  // Nested and overlapping spans of three kinds, on the title and further down.
  await span('claim', 12, 30);
  await span('speaker', 100, 140);
  await span('place', 120, 130);
  await span('date', 700, 720);
  // Offsets on the first screen of a window of 1400 × 900 (the last is the date's).
  return { id: first!.id, offsets: [0, 5, 12, 20, 29, 100, 119, 121, 135, 139, 400, 700, 710] };
}

test('the article and its highlights are drawn before the app has loaded, where and as the editor draws them', async ({
  page,
  app,
}) => {
  const { id, offsets } = await annotatedArticle(app);
  const { release } = await openHeld(page, app, id);

  const plain = page.locator('.fm-first-paint');
  await expect(plain.locator('.fm-mark').first()).toBeVisible();
  // Nothing in it can be used: the app's own controls come with the editor.
  expect(await plain.evaluate((el) => [(el as HTMLElement).inert, el.getAttribute('aria-busy')])).toEqual([
    true,
    'true',
  ]);
  await expect(page.locator('.cm-content')).toHaveCount(0);
  await expect(plain.locator('.top-bar .article-title')).toHaveText(
    'ISIS pursuing US and Israel interests, Iranian DM Says',
  );
  await expect(plain.locator('.kind-palette .kind-button')).toHaveCount(7);
  const before = await measure(page, '.fm-first-paint-line', offsets);
  expect(before.at.map((a) => a.offset)).toEqual(offsets);
  await page.screenshot({ path: '.test-output/first-paint-plain.png' });

  release();
  await appDrawn(page);
  await expect(page.locator('.fm-first-paint')).toHaveCount(0);
  // Drawn once: the app's panels are there, each once.
  await expect(page.locator('#left-panel')).toHaveCount(1);
  await expect(page.locator('.top-bar')).toHaveCount(1);
  const after = await measure(page, '.cm-content .cm-line', offsets);
  expect(after).toEqual(before);
  // Highlighted where the spans are, each in its kind's colour, and plain text elsewhere.
  const colours = new Map(before.at.map((a) => [a.offset, a.background]));
  expect(colours.get(0)).toBe('none');
  expect(colours.get(20)).not.toBe('none');
  expect(colours.get(121)).not.toBe(colours.get(135));
  expect(colours.get(400)).toBe('none');
  await page.screenshot({ path: '.test-output/first-paint-editor.png' });
});

test('the drawing follows the window and the panels and labels the user chose', async ({ page, app }) => {
  const { id, offsets } = await annotatedArticle(app);
  const setups = [
    { viewport: { width: 1024, height: 700 }, panels: { left: false, right: null, leftWidth: null, rightWidth: 400 } },
    { viewport: { width: 700, height: 450 }, panels: null, showInText: { labels: false, arcs: false } },
  ];
  for (const setup of setups) {
    await page.setViewportSize(setup.viewport);
    await page.goto(`${app.url}/#/article/${id}`);
    await page.evaluate(
      ([panels, show]) => {
        if (panels) localStorage.setItem('factmark.panels', JSON.stringify(panels));
        else localStorage.removeItem('factmark.panels');
        if (show) localStorage.setItem('factmark.showInText', JSON.stringify(show));
        else localStorage.removeItem('factmark.showInText');
      },
      [setup.panels, setup.showInText ?? null] as const,
    );
    await page.goto('about:blank');
    await page.unrouteAll();
    const { release } = await openHeld(page, app, id);
    await expect(page.locator('.fm-first-paint .fm-mark').first()).toBeVisible();
    const before = await measure(page, '.fm-first-paint-line', offsets);
    release();
    await appDrawn(page);
    const after = await measure(page, '.cm-content .cm-line', offsets);
    expect(after, JSON.stringify(setup)).toEqual(before);
    expect(before.at.length, 'characters compared').toBeGreaterThan(5);
  }
});

test('the drawing fills the window and stops there: a long article, and one of a single long line, are not drawn whole', async ({
  page,
  app,
}) => {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ');
  // 300 short lines (one screen holds about 20 at 1400 × 900), and 200,000 characters on one line.
  const lines = Array.from({ length: 300 }, (_, i) => words(12, i * 12)).join('\n');
  const report = await callApi<ImportReport>(app, 'import/files', {
    format: 'articles',
    files: [
      { name: 'many-lines.txt', content: base64(`Many lines\n${lines}`) },
      { name: 'one-line.txt', content: base64(`One line\n${words(25_000)}`) },
    ],
  });
  const [manyLines, oneLine] = report.files.map((f) => f.imported[0]!);
  for (const [id, length] of [
    [manyLines!, lines.length],
    [oneLine!, 200_000],
  ] as const) {
    await page.goto('about:blank');
    await page.unrouteAll();
    const { release } = await openHeld(page, app, id);
    await expect(page.locator('.fm-first-paint .fm-first-paint-line').first()).toBeVisible();
    const drawn = await page.evaluate(() => {
      const content = document.querySelector('.fm-first-paint-content')!;
      return {
        chars: content.textContent!.length,
        bottom: content.getBoundingClientRect().bottom,
        height: innerHeight,
      };
    });
    // The window is full, and little more is drawn: about a screen past it at most.
    expect(drawn.bottom, id).toBeGreaterThan(drawn.height);
    expect(drawn.chars, id).toBeLessThan(id === manyLines ? 3000 : 12_001);
    expect(drawn.chars, id).toBeLessThan(length);
    release();
    await expect(page.locator('.cm-content .cm-line').first()).toBeVisible();
  }
});
