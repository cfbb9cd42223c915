import { expect, test } from './web-fixture';
import { annotationItems, details, saved, tag } from './page-helpers';

test('the tagset is edited in the app: relabel, recolour, new hotkey, reorder; bad edits are refused and change nothing', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  await page.getByRole('button', { name: 'Tagset' }).click();
  const editor = page.getByRole('region', { name: 'Tagset' });

  await editor.getByLabel('Label of Claim').fill('Statement');
  await editor.getByLabel('Hotkey of Event').fill('e');
  await editor.getByLabel('Colour of Speaker').fill('#ff0000');
  await editor.getByRole('button', { name: 'Move Person up' }).click();
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await saved(page);
  const shortcuts = page.getByLabel('Keyboard shortcuts').first();
  await expect(shortcuts).toContainText('Statement');
  await expect(shortcuts).toHaveText(/Speaker\s*4 Person\s*e Event/);
  await page.getByRole('button', { name: 'Back to the article' }).click();
  await expect(page.locator('.fm-mark-claim')).toContainText('These hired terrorists');
  await page.getByRole('button', { name: 'Tagset' }).click();

  // A duplicate hotkey is refused with the reason, and nothing changes.
  await editor.getByLabel('Hotkey of Event').fill('1');
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await expect(page.getByRole('alert')).toContainText('hotkey "1" is used by more than one kind');
  await expect(shortcuts).toContainText('e Event');

  // Removing a kind still in use is refused, naming it and how many.
  await editor.getByRole('button', { name: 'Reset' }).click();
  await editor.getByRole('button', { name: 'Remove Statement' }).click();
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await expect(page.getByRole('alert')).toContainText('kind "Statement" is used by 1 annotation');

  // Undo brings the first tagset back, and a reload shows it was saved.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await saved(page);
  await expect(shortcuts).toContainText('1 Claim');
  await expect(shortcuts).toContainText('3 Event');
  await page.reload();
  await expect(page.getByLabel('Keyboard shortcuts').first()).toContainText('1 Claim');
  await expect(page.getByLabel('Keyboard shortcuts').first()).toContainText('3 Event');
  await expect(page.locator('.fm-mark-claim')).toContainText('These hired terrorists');
});

test('guidelines are shown, edited and kept', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Guidelines' }).click();
  const panel = page.getByRole('region', { name: 'Guidelines' });
  await expect(panel.getByRole('heading', { name: 'Annotation guidelines' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Claims (key 1)' })).toBeVisible();
  await panel.getByRole('button', { name: 'Edit' }).click();
  const source = panel.getByLabel('Guidelines (Markdown)');
  await source.fill(`${await source.inputValue()}\n\n## Project notes\n\nTag **every** quote.\n`);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('heading', { name: 'Project notes' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Guidelines' }).click();
  await expect(
    page.getByRole('region', { name: 'Guidelines' }).getByRole('heading', { name: 'Project notes' }),
  ).toBeVisible();
});

test('article labels and notes are saved with the article', async ({ page, app }) => {
  await page.goto(app.url);
  const labels = page.getByRole('region', { name: 'Article labels' });
  await labels.getByLabel('Stance').selectOption('critical');
  await labels.getByLabel('Reliability').selectOption('mixed');
  await tag(page, '1', 'Iran and Iraq signed a memorandum of understanding');
  await details(page).getByLabel('Note').fill('Check the date against the IRNA report.');
  await details(page).getByLabel('Verdict').focus();
  await saved(page);
  await expect(annotationItems(page).first()).toContainText('✎ note');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Article labels' }).getByLabel('Stance')).toHaveValue('critical');
  await expect(page.getByRole('region', { name: 'Article labels' }).getByLabel('Reliability')).toHaveValue('mixed');
  await annotationItems(page).first().click();
  await expect(details(page).getByLabel('Note')).toHaveValue('Check the date against the IRNA report.');
});

test('the keyboard moves between annotations and articles, and ? shows every shortcut', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  await tag(page, '3', 'a joint press conference');
  await page.keyboard.press('Escape');
  await page.keyboard.press(']');
  await expect(page.locator('[data-selected="true"]')).toHaveText('General Dehqan');
  await page.keyboard.press(']');
  await expect(page.locator('[data-selected="true"]')).toHaveText('a joint press conference');
  await page.keyboard.press('[');
  await expect(page.locator('[data-selected="true"]')).toHaveText('General Dehqan');
  await page.keyboard.press('}');
  await expect(page.locator('.top-bar .article-title')).toContainText('Iran calls for collective efforts');
  await page.keyboard.press('{');
  await expect(page.locator('.top-bar .article-title')).toContainText('ISIS pursuing');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('next / previous annotation');
  await expect(dialog).toContainText('undo');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
