import type { Page } from '@playwright/test';
import { callApi } from './web-api';
import { expect, test } from './web-fixture';

/** The app's script files the page has asked for so far (the entry, the app, and each part loaded since). */
function scriptsRequested(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') seen.push(new URL(request.url()).pathname);
  });
  return seen;
}

const chunkOf = (scripts: string[], name: string) => scripts.filter((path) => path.includes(`/${name}-`));

test('the editor first paints without the pages’ code, and each page still opens, loading its code then', async ({
  page,
  app,
}) => {
  await callApi(app, 'entities/create', { name: 'General Dehqan', type: 'person' });
  await callApi(app, 'events/create', { title: 'Joint press conference', type: 'meeting' });
  const scripts = scriptsRequested(page);
  const articles = await callApi<{ id: string }[]>(app, 'articles/list');
  await page.goto(`${app.url}/#/article/${encodeURIComponent(articles[1]!.id)}`);
  await expect(page.getByTestId('article-text')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('heading')).toBeVisible();

  // What the editor shows came with the app; no page's or dialog's code did.
  for (const name of ['Dashboard', 'TagsetEditor', 'ReviewPage', 'EntityPage', 'EventPage', 'GuidelinesPanel']) {
    expect(chunkOf(scripts, name), `${name} loaded before it was opened`).toEqual([]);
  }
  for (const name of ['SettingsDialog', 'SyncDialog', 'ExportDialog', 'ImportDialog', 'ShortcutsOverlay']) {
    expect(chunkOf(scripts, name), `${name} loaded before it was opened`).toEqual([]);
  }

  await page.getByRole('button', { name: 'Agreement' }).click();
  await expect(page.getByRole('region', { name: 'Agreement dashboard' })).toBeVisible();
  expect(chunkOf(scripts, 'Dashboard')).toHaveLength(1);
  expect(chunkOf(scripts, 'TagsetEditor')).toEqual([]);

  await page.getByRole('button', { name: 'Tagset' }).click();
  await expect(page.getByRole('region', { name: 'Tagset' }).getByLabel('Hotkey of Event')).toBeVisible();
  expect(chunkOf(scripts, 'TagsetEditor')).toHaveLength(1);

  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('region', { name: 'Review' })).toBeVisible();

  await page.getByRole('tab', { name: 'Entities' }).click();
  await page.getByRole('navigation', { name: 'Entities' }).getByRole('button').filter({ hasText: 'Dehqan' }).click();
  await expect(page.getByRole('region', { name: 'Entity' })).toContainText('General Dehqan');

  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('navigation', { name: 'Events' }).getByRole('button').filter({ hasText: 'Joint' }).click();
  await expect(page.getByRole('region', { name: 'Event' })).toContainText('Joint press conference');

  // A dialog's code loads when it first opens too.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  expect(chunkOf(scripts, 'ExportDialog')).toHaveLength(1);
});

test('the article in the address is asked for before the app’s code has loaded', async ({ page, app }) => {
  const articles = await callApi<{ id: string }[]>(app, 'articles/list');
  let asked = 0;
  let articleAsked = () => undefined as void;
  const askedOnce = new Promise<void>((resolve) => (articleAsked = resolve));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/api/articles/get') return;
    asked++;
    articleAsked();
  });
  // The app's code is held back until the article has been asked for: only the entry can have asked.
  const heldBoot: boolean[] = [];
  await page.route(/\/assets\/boot-[^/]*\.js$/, async (route) => {
    const giveUp = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000));
    heldBoot.push(await Promise.race([askedOnce.then(() => true), giveUp]));
    await route.continue();
  });
  await page.goto(`${app.url}/#/article/${encodeURIComponent(articles[2]!.id)}`);
  await expect(page.getByTestId('article-text')).toBeVisible();
  await expect(page.locator('.top-bar .article-title')).not.toBeEmpty();
  expect(heldBoot).toEqual([true]);
  // The app took the answer asked for early; it did not ask again.
  expect(asked).toBe(1);
});
