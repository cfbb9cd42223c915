import type { Page } from '@playwright/test';
import { annotationItems, details, openArticle, saved, tag } from './page-helpers';
import { expect, test } from './web-fixture';

const FIRST = 'ISIS pursuing US and Israel interests, Iranian DM Says';
const SECOND = 'Iran calls for collective efforts to fight ISIL in region';
const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });
const toast = (page: Page, text: string) => page.locator('.toast-stack .toast', { hasText: text });
/** The registry's entities, as the core has them. */
const entityNames = (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch('/api/entities/list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await response.json()) as { result: { name: string }[] }).result.map((e) => e.name);
  });

test('creating an entity from a mention is one undo step: one Ctrl+Z takes back the entity and the link', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  await details(page).getByLabel('Entity (normalised name)').fill('Hossein Dehqan');
  await details(page).getByRole('button', { name: 'Create entity “Hossein Dehqan”' }).click();
  await expect(details(page).getByRole('button', { name: 'Hossein Dehqan', exact: true })).toBeVisible();
  await saved(page);
  await expect(undoButton(page)).toHaveAttribute('title', /^Undo Create entity Hossein Dehqan/);

  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+z');
  await expect(toast(page, 'Undid: Create entity Hossein Dehqan')).toBeVisible();
  // The mention stays, unlinked, and the entity is gone from the registry.
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).not.toContainText('Hossein Dehqan');
  await expect(details(page).getByRole('button', { name: 'Create entity “Hossein Dehqan”' })).toBeVisible();
  await expect(undoButton(page)).toHaveAttribute('title', /^Undo Tag speaker/);
  expect(await entityNames(page)).toEqual([]);

  // Redo brings back both.
  await page.keyboard.press('Control+Shift+z');
  await expect(annotationItems(page).first()).toContainText('Hossein Dehqan');
});

test('when the link to a new entity is refused, the entity is taken back too and the toast says why', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  await saved(page);
  // The core refuses the link (as when another window deleted the mention meanwhile).
  await page.route('**/api/annotations/update', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'not-found', message: 'No annotation "x" in the article' } }),
    }),
  );
  await details(page).getByLabel('Entity (normalised name)').fill('Hossein Dehqan');
  await details(page).getByRole('button', { name: 'Create entity “Hossein Dehqan”' }).click();
  const refused = page.locator('.toast-stack .toast.error', { hasText: 'Create entity Hossein Dehqan failed' });
  await expect(refused).toContainText('No annotation "x" in the article. Nothing was changed.');
  await page.screenshot({ path: 'test-results/create-and-link-refused.png' });
  await saved(page);
  expect(await entityNames(page)).toEqual([]);
  await expect(undoButton(page)).toHaveAttribute('title', /^Undo Tag speaker/);
  await expect(details(page).getByRole('button', { name: 'Create entity “Hossein Dehqan”' })).toBeVisible();
});

test('undoing a step made in another article opens that article and the toast names it', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  await saved(page);
  await openArticle(page, SECOND);
  await expect(annotationItems(page)).toHaveCount(0);

  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+z');
  await expect(toast(page, `Undid: Tag claim in “${FIRST}”`)).toBeVisible();
  await expect(page.locator('.top-bar .article-title')).toHaveText(new RegExp(`^${FIRST.slice(0, 20)}`));
  await expect(page.locator('.cm-content')).toContainText('These hired terrorists');
  await expect(annotationItems(page)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/undo-other-article.png' });

  // Redo from the second article: the first opens again with the claim selected.
  await openArticle(page, SECOND);
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+Shift+z');
  await expect(toast(page, `Redid: Tag claim in “${FIRST}”`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Annotations' }).locator('[aria-pressed="true"]')).toContainText(
    'These hired terrorists',
  );
});

test('the history outlives a reload: Ctrl+Z after reloading undoes the tag made before it', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  await saved(page);
  await page.reload();
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(undoButton(page)).toHaveAttribute('title', `Undo Tag claim in “${FIRST}” (Ctrl+Z)`);

  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+z');
  await expect(toast(page, `Undid: Tag claim in “${FIRST}”`)).toBeVisible();
  await expect(annotationItems(page)).toHaveCount(0);
  await saved(page);
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('These hired terrorists');
  await expect(annotationItems(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toHaveAttribute(
    'title',
    `Redo Tag claim in “${FIRST}” (Ctrl+Shift+Z)`,
  );
});

test('a kept step the store no longer matches is refused after a reload, named, and dropped', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  await saved(page);
  // Another window deletes the claim meanwhile.
  await page.evaluate(async (articleId) => {
    const post = (name: string, args: object) =>
      fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
    const listed = (await (await post('annotations/list', { articleId })).json()) as {
      result: { annotations: { id: string }[] };
    };
    await post('annotations/delete', { articleId, id: listed.result.annotations[0]!.id });
  }, '000_0032acaf3c30b9bc');
  await page.reload();
  await expect(annotationItems(page)).toHaveCount(0);
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+z');
  const refused = page.locator('.toast-stack .toast.error', { hasText: 'Could not undo “Tag claim”' });
  await expect(refused).toContainText('The step was dropped from the history.');
  await expect(undoButton(page)).toBeDisabled();
});

test('a new entity made the target of an event role is one undo step with its link', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '3', 'a joint press conference');
  const agent = details(page).getByRole('group', { name: 'agent' });
  await agent.getByLabel('New entity as agent').fill('Hossein Dehqan');
  await agent.getByRole('button', { name: 'Create and link' }).click();
  await expect(agent.getByRole('listitem')).toHaveText(/^Hossein Dehqan/);
  await expect(agent.getByLabel('New entity as agent')).toHaveValue('');
  await saved(page);
  await expect(undoButton(page)).toHaveAttribute('title', /^Undo Create entity Hossein Dehqan as agent/);
  await page.screenshot({ path: 'test-results/new-entity-target.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/new-entity-target-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+z');
  await expect(toast(page, 'Undid: Create entity Hossein Dehqan as agent')).toBeVisible();
  await expect(agent.getByRole('listitem')).toHaveCount(0);
  await expect(undoButton(page)).toHaveAttribute('title', /^Undo Tag event/);
  expect(await entityNames(page)).toEqual([]);
});
