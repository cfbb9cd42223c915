import type { Page } from '@playwright/test';
import { expect } from './web-fixture';
import { articleText, selectWithKeyboard } from './text-geometry';

/** The article text, all of it (CodeMirror draws only the lines near the screen). */
export const renderedText = articleText;

/** Offsets of the `nth` occurrence of `needle`, or of `needle` inside the first occurrence of `within`. */
export async function spanOf(page: Page, needle: string, within?: string): Promise<[number, number]> {
  // The article shown may still be the one before: wait until the text holds what is looked for.
  await expect.poll(async () => (await articleText(page).catch(() => '')).includes(within ?? needle)).toBe(true);
  const text = await renderedText(page);
  const base = within ? text.indexOf(within) : 0;
  expect(base, `"${within}" is in the article`).toBeGreaterThanOrEqual(0);
  const start = text.indexOf(needle, base);
  expect(start, `"${needle}" is in the article`).toBeGreaterThanOrEqual(0);
  return [start, start + needle.length];
}

export async function openArticle(page: Page, title: string): Promise<void> {
  await page.getByRole('tab', { name: 'Articles' }).click();
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button').filter({ hasText: title }).click();
  await expect(page.locator('.top-bar .article-title')).toHaveText(
    new RegExp(`^${title.slice(0, 20).replace(/[()]/g, '.')}`),
  );
}

/** Selects `needle` (inside `within`, if given) with the keyboard and presses the kind's hotkey. */
export async function tag(page: Page, key: string, needle: string, within?: string): Promise<void> {
  await selectWithKeyboard(page, ...(await spanOf(page, needle, within)));
  await page.keyboard.press(key);
  await expect(page.getByRole('region', { name: 'Annotations' }).locator('[aria-pressed="true"]')).toContainText(
    needle.slice(0, 30),
  );
}

export const details = (page: Page) => page.getByRole('region', { name: 'Details' });
export const annotationItems = (page: Page) => page.getByRole('region', { name: 'Annotations' }).getByRole('button');
export const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('All changes saved');

/**
 * The text a kind's highlight covers in the article, read across every piece
 * the editor draws it in: a mark nested in it (a suggestion's ghost, another
 * span) may split a highlight into several elements that look as one.
 */
export async function markedText(page: Page, kind: string): Promise<string> {
  return page.locator(`.cm-content .fm-mark-${kind}`).evaluateAll(
    (pieces, cls) =>
      pieces
        .filter((piece) => !piece.parentElement?.closest(`.${cls}`))
        .map((piece) => piece.textContent ?? '')
        .join(''),
    `fm-mark-${kind}`,
  );
}

/** Waits until the kind's highlight (its only span in the article) covers exactly `text`. */
export const expectMarked = (page: Page, kind: string, text: string) =>
  expect.poll(() => markedText(page, kind), { message: `the ${kind} highlight covers “${text}”` }).toBe(text);
