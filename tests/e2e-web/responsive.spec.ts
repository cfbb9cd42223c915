import { callApi } from './web-api';
import type { Page } from '@playwright/test';
import type { Article } from '../../annotations/model';
import { REVIEW_ARTICLE, colleagueBundle } from '../support/review-layers';
import { spanOf } from './page-helpers';
import { selectWithKeyboard } from './text-geometry';
import { expect, test } from './web-fixture';

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** The page scrolls sideways when its content is wider than the window. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document.documentElement.scrollWidth > document.documentElement.clientWidth ||
      document.body.scrollWidth > document.body.clientWidth,
  );
}

async function viaMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  await expect(page.getByRole('menu')).toHaveCount(0);
}

async function closeDialog(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await dialog
    .getByRole('button', { name: /^(Close|Cancel)$/ })
    .first()
    .click();
  await expect(dialog).toHaveCount(0);
}

// 1024×700 is a small laptop; 700×450 is 1400×900 at 200 % zoom.
for (const size of [
  { width: 1024, height: 700 },
  { width: 700, height: 450 },
]) {
  const where = `${size.width}×${size.height}`;

  test(`at ${where} every top-bar action is reached through the menu, and nothing scrolls sideways`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(size);
    await page.goto(app.url);
    await expect(page.locator('.cm-content')).toContainText('General Dehqan');
    await expect(page.locator('.top-actions')).toBeHidden();
    expect(await scrollsSideways(page)).toBe(false);

    await selectWithKeyboard(page, ...(await spanOf(page, 'General Dehqan')));
    await page.keyboard.press('2');
    await expect(page.locator('.cm-content .fm-mark')).toHaveCount(1);
    await viaMenu(page, 'Undo');
    await expect(page.locator('.cm-content .fm-mark')).toHaveCount(0);
    await viaMenu(page, 'Redo');
    await expect(page.locator('.cm-content .fm-mark')).toHaveCount(1);

    for (const [item, region] of [
      ['Tagset', 'Tagset'],
      ['Guidelines', 'Guidelines'],
      ['Review', 'Review'],
      ['Agreement', 'Agreement dashboard'],
    ] as const) {
      await viaMenu(page, item);
      await expect(page.getByRole('region', { name: region })).toBeVisible();
      expect(await scrollsSideways(page), `${item} fits the window`).toBe(false);
    }
    await viaMenu(page, 'Import…');
    await closeDialog(page, 'Import');
    await viaMenu(page, 'Export…');
    await closeDialog(page, 'Export');
    await viaMenu(page, 'alice…');
    await closeDialog(page, 'Settings');

    // The keyboard reaches the menu too: arrows move, Esc closes and returns to the button.
    const menuButton = page.getByRole('button', { name: 'Menu' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Undo' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Tagset' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(menuButton).toBeFocused();
    await page.screenshot({ path: `test-results/responsive-${size.width}-menu.png` });
  });

  test(`at ${where} each side panel collapses and opens with its button, remembered after a reload`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(size);
    await page.goto(app.url);
    await expect(page.locator('.cm-content')).toContainText('General Dehqan');
    const narrow = size.width < 900;
    const articles = page.getByRole('navigation', { name: 'Articles' });
    const details = page.locator('#right-panel');
    // Never chosen: open beside the text in a wide enough window, closed in a narrow one.
    await expect(articles).toBeVisible({ visible: !narrow });
    await expect(details).toBeVisible({ visible: !narrow });
    const text = page.locator('.editor-column');
    const width = (await text.boundingBox())?.width ?? 0;
    expect(width, 'the text keeps a readable width').toBeGreaterThanOrEqual(narrow ? 650 : 480);

    const leftToggle = page.getByRole('button', { name: 'Articles panel' });
    const rightToggle = page.getByRole('button', { name: 'Details panel' });
    await leftToggle.click();
    await expect(leftToggle).toHaveAttribute('aria-expanded', String(narrow));
    await expect(articles).toBeVisible({ visible: narrow });
    await rightToggle.click();
    await expect(details).toBeVisible({ visible: narrow });
    if (narrow) {
      // Over the text, not squeezing it.
      expect((await text.boundingBox())?.width).toBe(width);
      await page.screenshot({ path: `test-results/responsive-${size.width}-panels-open.png` });
    }
    expect(await scrollsSideways(page)).toBe(false);

    await page.reload();
    await expect(page.locator('.cm-content')).toContainText('General Dehqan');
    await expect(articles).toBeVisible({ visible: narrow });
    if (narrow) {
      // Choosing an article in the list over the text closes the list and shows the article.
      await articles.getByRole('button').filter({ hasText: 'Iran calls for collective' }).click();
      await expect(page.locator('.cm-content')).toContainText('TEHRAN (FNA)');
      await expect(articles).toBeHidden();
      await leftToggle.click();
      await expect(articles).toBeVisible();
    }
    await expect(details).toBeVisible({ visible: narrow });
    await leftToggle.click();
    await rightToggle.click();
    await expect(articles).toBeVisible({ visible: !narrow });
    await expect(details).toBeVisible({ visible: !narrow });
  });
}

test('a side panel is resized by dragging or by the arrow keys on its edge, and keeps its width', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const panel = page.locator('#left-panel');
  await expect(panel).toBeVisible();
  const before = (await panel.boundingBox())!.width;
  const handle = page.getByRole('separator', { name: 'Width of the articles panel' });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await panel.boundingBox())!.width).toBe(before + 32);

  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await panel.boundingBox())!.width).toBe(before + 92);

  const details = page.locator('#right-panel');
  const detailsBefore = (await details.boundingBox())!.width;
  await page.getByRole('separator', { name: 'Width of the details panel' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await details.boundingBox())!.width).toBe(detailsBefore + 16);

  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('General Dehqan');
  expect((await panel.boundingBox())!.width).toBe(before + 92);
  expect((await details.boundingBox())!.width).toBe(detailsBefore + 16);
});

test('the article title uses the room the top bar leaves it', async ({ page, app }) => {
  await page.goto(app.url);
  const title = page.locator('.top-bar .article-title');
  await expect(title).toHaveText('ISIS pursuing US and Israel interests, Iranian DM Says');
  // Whole at 1400 px, where it used to be cut after about twenty characters.
  expect(await title.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
  await expect(title).toHaveAttribute('title', 'ISIS pursuing US and Israel interests, Iranian DM Says');
});

test('agreement tables scroll inside the page instead of running under the details panel', async ({ page, app }) => {
  const article = await callApi<Article>(app, 'articles/get', { articleId: REVIEW_ARTICLE });
  await callApi(app, 'import/files', {
    format: 'bundle',
    files: (['bob', 'carol'] as const).map((name) => ({
      name: `${name}-bundle.json`,
      content: base64(JSON.stringify(colleagueBundle(name, article))),
    })),
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const dashboard = page.getByRole('region', { name: 'Agreement dashboard' });
  const tables = dashboard.locator('table');
  await expect(tables.first()).toBeVisible();
  for (const size of [
    { width: 1400, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    const right = (await page.locator('.editor-column').boundingBox())!;
    for (const table of await tables.all()) {
      const name = await table.getAttribute('aria-label');
      const box = (await table.boundingBox())!;
      expect(box.x + box.width, `${name} ends before the details panel`).toBeLessThanOrEqual(
        right.x + right.width + 0.5,
      );
      // Wider content scrolls inside the table's own box.
      expect(await table.evaluate((t) => getComputedStyle(t).overflowX), `${name} scrolls`).toBe('auto');
    }
  }
  expect(await scrollsSideways(page)).toBe(false);
  await page.screenshot({ path: 'test-results/responsive-agreement.png', fullPage: false });
});

test('dark mode follows the system setting, with highlights still readable', async ({ page, app }) => {
  const articleId = '000_0032acaf3c30b9bc';
  const { text } = await callApi<Article>(app, 'articles/get', { articleId });
  for (const [kind, quote] of [
    ['claim', 'These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region'],
    ['speaker', 'General Dehqan'],
    ['event', 'signed'],
    ['place', 'Tehran'],
  ] as const) {
    const start = text.indexOf(quote);
    await callApi(app, 'annotations/create', { articleId, kind, start, end: start + quote.length, quote });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await expect(page.locator('.cm-content .fm-mark')).toHaveCount(4);

  const colours = await page.evaluate(() => {
    const rgb = (value: string) => (value.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
    };
    const editor = rgb(getComputedStyle(document.querySelector('.cm-editor')!).backgroundColor);
    const marks = Array.from(document.querySelectorAll<HTMLElement>('.cm-content .fm-mark'), (mark) => {
      // The mark's tint laid over the editor's background, against the mark's text colour.
      const [r = 0, g = 0, b = 0, a = 1] = rgb(getComputedStyle(mark).backgroundColor);
      const shown = [0, 1, 2].map((i) => (editor[i] ?? 0) * (1 - a) + [r, g, b][i]! * a);
      return contrast(shown, rgb(getComputedStyle(mark).color));
    });
    return { editor: luminance(editor), text: luminance(rgb(getComputedStyle(document.body).color)), marks };
  });
  expect(colours.editor, 'the text area is dark').toBeLessThan(0.05);
  expect(colours.text, 'the text is light').toBeGreaterThan(0.7);
  for (const ratio of colours.marks) expect(ratio, 'highlighted text keeps AA contrast').toBeGreaterThanOrEqual(4.5);
  await page.screenshot({ path: 'test-results/responsive-dark.png' });

  await page.emulateMedia({ colorScheme: 'light' });
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.cm-editor')!).backgroundColor))
    .toBe('rgb(255, 255, 255)');
});

const MIXED = [
  'Statements from Baghdad',
  '',
  'وقع وزيرا الدفاع الإيراني والعراقي مذكرة تفاهم في طهران.',
  '',
  'The two ministers signed a memorandum in Tehran.',
].join('\n');

test('each paragraph reads in its own direction: an Arabic one right to left, an English one left to right', async ({
  page,
  app,
}) => {
  await callApi(app, 'import/files', { format: 'articles', files: [{ name: 'mixed.txt', content: base64(MIXED) }] });
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button')
    .filter({ hasText: 'Statements from Baghdad' })
    .click();
  const arabic = page.locator('.cm-line').filter({ hasText: 'مذكرة تفاهم' });
  const english = page.locator('.cm-line').filter({ hasText: 'The two ministers' });
  await expect(arabic).toHaveAttribute('dir', 'auto');
  expect(await arabic.evaluate((line) => getComputedStyle(line).direction)).toBe('rtl');
  expect(await english.evaluate((line) => getComputedStyle(line).direction)).toBe('ltr');
  // The Arabic line starts at the right edge of the text column.
  const [line, content] = await Promise.all([
    arabic.evaluate((l) => {
      const range = document.createRange();
      range.selectNodeContents(l);
      return range.getBoundingClientRect().right;
    }),
    page.locator('.cm-content').evaluate((c) => c.getBoundingClientRect().right),
  ]);
  expect(content - line).toBeLessThan(40);
});
