import type { Locator, Page } from '@playwright/test';
import { expect, test } from './web-fixture';
import { annotationItems, details, saved, tag } from './page-helpers';

const hasFocus = (locator: Locator) => locator.evaluate((el) => el.contains(document.activeElement));
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return `${el?.tagName ?? ''} ${(el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().slice(0, 40)}`;
  });

/** Tabs forward and backward well past the dialog's controls: the focus never leaves it. */
async function expectFocusTrapped(page: Page, dialog: Locator): Promise<void> {
  expect(await hasFocus(dialog), 'the dialog has the focus when it opens').toBe(true);
  const count = await dialog.locator('button, input, select, textarea').count();
  for (let i = 0; i < count + 3; i++) {
    await page.keyboard.press('Tab');
    expect(await hasFocus(dialog), `Tab ${i + 1} stays in the dialog (on ${await focusedName(page)})`).toBe(true);
  }
  for (let i = 0; i < count + 3; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await hasFocus(dialog), `Shift+Tab ${i + 1} stays in the dialog (on ${await focusedName(page)})`).toBe(true);
  }
}

test('Settings, Export and Import keep the focus, close on Esc and give the focus back to their button', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('ISIS');
  const cases: [string, string][] = [
    ['alice…', 'Settings'],
    ['Export…', 'Export'],
    ['Import…', 'Import'],
  ];
  for (const [button, name] of cases) {
    const opener = page.getByRole('button', { name: button, exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    await expectFocusTrapped(page, dialog);
    if (name === 'Export') await page.screenshot({ path: 'test-results/export-dialog.png' });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener, `focus is back on ${button}`).toBeFocused();
  }
});

test('the shortcuts overlay opens from the text, keeps the focus, and Esc returns to the text', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  const text = page.locator('.cm-content');
  await text.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expectFocusTrapped(page, dialog);
  // Keys meant for the page behind do nothing while the dialog is open.
  await page.keyboard.press(']');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(text).toBeFocused();
  // Esc closed the dialog only: the annotation is still selected.
  await expect(page.getByRole('region', { name: 'Annotations' }).locator('[aria-pressed="true"]')).toContainText(
    'These hired terrorists',
  );
  // `?` opens and closes it too.
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('?');
  await expect(dialog).toHaveCount(0);
  await expect(text).toBeFocused();
});

test('a message is a toast: the text does not move, it is announced, and it goes away by itself', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const firstLine = page.locator('.cm-content .cm-line').first();
  await expect(firstLine).not.toBeEmpty();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Escape');
  const before = await firstLine.boundingBox();
  await page.keyboard.press('1');
  const toast = page.locator('.toast-stack .toast', { hasText: 'Select some text first' });
  await expect(toast).toBeVisible();
  // Announced politely, from a live region that was in the page before the message.
  await expect(page.getByRole('status')).toContainText('Select some text first');
  await expect(page.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  expect(await firstLine.boundingBox(), 'the first paragraph stays where it was').toEqual(before);
  expect(await toast.evaluate((el) => getComputedStyle(el.parentElement!.parentElement!).position)).toBe('fixed');
  await page.screenshot({ path: 'test-results/info-toast.png', animations: 'disabled' });
  await expect(toast).toBeHidden({ timeout: 12_000 });
  expect(await firstLine.boundingBox()).toEqual(before);
});

test('an error toast is announced at once and stays until dismissed', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('ISIS');
  await page.getByRole('button', { name: 'Tagset' }).click();
  const editor = page.getByRole('region', { name: 'Tagset' });
  await editor.getByLabel('Hotkey of Event').fill('1');
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'hotkey "1" is used by more than one kind' });
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('aria-live', 'assertive');
  await page.screenshot({ path: 'test-results/error-toast.png', animations: 'disabled' });
  await page.waitForTimeout(8000);
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test('Ctrl+Z and redo work from a select in the details panel; typing in a text field keeps its own undo', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  const verdict = details(page).getByLabel('Verdict');
  await verdict.selectOption('false');
  await saved(page);
  await expect(annotationItems(page).first()).toContainText('false');
  await verdict.focus();
  await expect(verdict).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(verdict).toHaveValue('');
  await expect(annotationItems(page).first()).not.toContainText('false');
  await page.keyboard.press('Control+Shift+z');
  await expect(verdict).toHaveValue('false');

  // From a button too: `]` / `[` step through the annotations.
  await tag(page, '2', 'General Dehqan');
  await page.getByRole('button', { name: 'Undo', exact: true }).focus();
  await page.keyboard.press('[');
  await expect(page.getByRole('region', { name: 'Annotations' }).locator('[aria-pressed="true"]')).toContainText(
    'These hired terrorists',
  );

  // In the note (a text field) Ctrl+Z is the field's: the store's verdict stays.
  const note = details(page).getByLabel('Note');
  await note.click();
  await page.keyboard.type('check');
  await page.keyboard.press('Control+z');
  await expect(details(page).getByLabel('Verdict')).toHaveValue('false');
});

test('in a narrow window, a dialog opened from the menu gives the focus back to the Menu button', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('ISIS');
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await menu.click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await expectFocusTrapped(page, dialog);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(menu).toBeFocused();
});

test('a toast under the pointer stays until the pointer leaves it, and the next one is not held', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  const toast = page.locator('.toast-stack .toast.info');
  await expect(toast).toBeVisible();
  await toast.hover();
  await page.waitForTimeout(7500);
  await expect(toast).toBeVisible();
  // Dismissed under the pointer: the next message still goes away by itself.
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);
  await page.mouse.move(700, 300);
  await page.locator('.cm-content').focus();
  await page.keyboard.press('1');
  await expect(toast).toBeVisible();
  await expect(toast).toBeHidden({ timeout: 12_000 });
});
