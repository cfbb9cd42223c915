import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { articleFromText } from '../../annotations/article-text';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { expect, test } from './web-fixture';
import { expectMarked } from './page-helpers';
import { pointAt, selectWithKeyboard, selectWithMouse } from './text-geometry';

// The sample articles are short enough that CodeMirror renders every line, so
// offsets in the rendered text are offsets in the article.

async function spanOf(page: Page, needle: string): Promise<[number, number]> {
  const text = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.cm-content .cm-line'), (line) => line.textContent ?? '').join('\n'),
  );
  const start = text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  return [start, start + needle.length];
}

const annotationItems = (page: Page) => page.getByRole('region', { name: 'Annotations' }).getByRole('button');
const selectedItem = (page: Page) => page.getByRole('region', { name: 'Annotations' }).locator('[aria-pressed="true"]');

test('overlapping spans stay visible, and repeated clicks cycle through them, smallest first', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('General Dehqan said');
  const sentence = 'General Dehqan said in a joint press conference';
  const [start, end] = await spanOf(page, sentence);
  await selectWithMouse(page, start, end);
  await page.keyboard.press('3');
  await selectWithKeyboard(page, start, start + 'General Dehqan'.length);
  await page.keyboard.press('2');
  await expect(page.locator('.fm-mark-event')).not.toHaveCount(0);
  await expectMarked(page, 'speaker', 'General Dehqan');
  // The speaker sits inside the event: both marks are drawn.
  await expect(page.locator('.fm-mark-event .fm-mark-speaker, .fm-mark-speaker .fm-mark-event')).not.toHaveCount(0);

  await page.keyboard.press('Escape');
  const inside = await pointAt(page, start + 3);
  await page.mouse.click(inside.x, inside.y);
  await expect(selectedItem(page)).toContainText('General Dehqan');
  await expect(selectedItem(page)).toHaveAttribute('data-kind', 'speaker');
  await page.mouse.click(inside.x, inside.y);
  await expect(selectedItem(page)).toHaveAttribute('data-kind', 'event');
  await expect(page.getByRole('region', { name: 'Details' }).getByLabel('Event type')).toBeVisible();
});

test('deletes with the Delete key and with the button, and a reload agrees', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('Khalid al-Obeidi');
  await selectWithKeyboard(page, ...(await spanOf(page, 'Khalid al-Obeidi')));
  await page.keyboard.press('2');
  await selectWithKeyboard(page, ...(await spanOf(page, 'Tehran on Tuesday')));
  await page.keyboard.press('3');
  await expect(annotationItems(page)).toHaveCount(2);

  // The new annotation is selected: Delete removes it.
  await page.keyboard.press('Delete');
  await expect(annotationItems(page)).toHaveCount(1);
  await annotationItems(page).first().click();
  await page.getByRole('button', { name: 'Delete annotation' }).click();
  await expect(annotationItems(page)).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('Khalid al-Obeidi');
  await expect(annotationItems(page)).toHaveCount(0);
  await expect(page.locator('.fm-mark')).toHaveCount(0);
});

test('a list item jumps to its span in a long article', async ({ page, app }) => {
  await page.goto(app.url);
  const articles = page.getByRole('navigation', { name: 'Articles' }).getByRole('button');
  await articles.filter({ hasText: 'Iran calls for collective efforts' }).click();
  await expect(page.locator('.cm-content')).toContainText('Iran calls for collective efforts');
  await page.setViewportSize({ width: 1400, height: 420 });
  // The article's last words, selected from its end with the keyboard.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 'By Fars News Agency'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('2');
  await expectMarked(page, 'speaker', 'By Fars News Agency');
  await page.locator('.cm-scroller').evaluate((el) => el.scrollTo(0, 0));
  await expect(page.locator('.fm-mark-speaker')).not.toBeInViewport();
  await annotationItems(page).first().click();
  await expect(page.locator('.fm-mark-speaker')).toBeInViewport();
  await expect(page.locator('[data-selected="true"]')).toHaveText('By Fars News Agency');
});

test('Escape clears the selection and a hotkey without selected text explains itself', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('ISIS');
  await page.locator('.cm-content').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('Select some text first');
  await expect(annotationItems(page)).toHaveCount(0);
});

test('article text is shown as text, never run as HTML', async ({ page, app }) => {
  await app.stop();
  const repo = await openLowdbRepository(app.storeDir);
  const hostile =
    'Markup test\n\n<img src=x onerror="document.title=\'pwned\'"><b>bold?</b> & <script>alert(1)</script>';
  await repo.addArticle(await articleFromText('zz-markup', hostile, 'test', new Date().toISOString()));
  await repo.close();
  const { startWebApp } = await import('./web-fixture');
  const again = await startWebApp(app.storeDir);
  try {
    await page.goto(`${again.url}/#/article/zz-markup`);
    await expect(page.locator('.cm-content')).toContainText('<img src=x onerror=');
    await expect(page.locator('.cm-content img, .cm-content b, .cm-content script')).toHaveCount(0);
    expect(await page.title()).toBe('Factmark');
  } finally {
    await again.stop();
  }
});

test('an unreadable store file is named, explained and left as it was', async ({ page, app }) => {
  await app.stop();
  const file = join(app.storeDir, 'layers', '000_0032acaf3c30b9bc', 'alice.json');
  await mkdir(join(app.storeDir, 'layers', '000_0032acaf3c30b9bc'), { recursive: true });
  await writeFile(file, '{ "schemaVersion": 2, "annotations": [');
  const { startWebApp } = await import('./web-fixture');
  const again = await startWebApp(app.storeDir);
  try {
    await page.goto(again.url);
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('000_0032acaf3c30b9bc/alice.json');
    await expect(alert).toContainText('not valid JSON');
    await expect(page.getByRole('alert').filter({ hasText: 'kept unchanged' }).first()).toBeVisible();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(file, 'utf8')).toBe('{ "schemaVersion": 2, "annotations": [');
    // Other articles still open and save.
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button')
      .filter({ hasText: 'Iran, Iraq sign MoU' })
      .click();
    await expect(page.locator('.cm-content')).toContainText('Tasnim news agency');
  } finally {
    await again.stop();
  }
});
