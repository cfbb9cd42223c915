import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebApp } from './web-fixture';
import { expect, startWebApp, test } from './web-fixture';
import { expectMarked } from './page-helpers';

const DAMAGED = '002_7feab6871f0e57f9';
const TITLE = 'Iran and Iraq signed a memorandum';

/** Calls the web mode's API as the page does. */
async function call(app: WebApp, name: string, args: object): Promise<unknown> {
  const response = await fetch(`${app.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const envelope = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.result;
}

async function tag(app: WebApp, articleId: string, kind: string, needle: string) {
  const { text } = (await call(app, 'articles/get', { articleId })) as { text: string };
  const start = text.indexOf(needle);
  await call(app, 'annotations/create', { articleId, kind, start, end: start + needle.length, quote: needle });
}

test('a damaged article is marked, says why, and its last good copy is restored', async ({ page, app }) => {
  // Two edits, so the last good copy holds the first; then the file is damaged while the app is stopped.
  await tag(app, DAMAGED, 'speaker', 'Hossein Dehqan');
  await tag(app, DAMAGED, 'place', 'Tehran');
  await app.stop();
  const file = join(app.storeDir, 'layers', DAMAGED, 'alice.json');
  await writeFile(file, '{"schemaVersion": 2, "annotations": [ truncated by a full disk');
  const again = await startWebApp(app.storeDir);
  try {
    await page.goto(again.url);
    await expect(page.locator('.cm-content')).toContainText('ISIS pursuing US and Israel interests');

    // A search over the corpus goes ahead on the rest and says what it left out.
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('form', { name: 'Search' }).getByLabel('Search text').fill('Tehran');
    await page.getByRole('form', { name: 'Search' }).getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
    await expect(page.locator('.left-out')).toHaveText(new RegExp(`^⚠ Left out 1 damaged article\\(s\\): ${TITLE}`));
    await page.screenshot({ path: 'test-results/damaged-search.png' });

    // The article list marks it, the reason on hover.
    await page.getByRole('tab', { name: 'Articles' }).click();
    const row = page.getByRole('navigation', { name: 'Articles' }).getByRole('button').filter({ hasText: TITLE });
    await expect(row).toContainText('damaged');
    await expect(row).toHaveAttribute('title', /not valid JSON/);
    const others = page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button')
      .filter({ hasText: 'damaged' });
    await expect(others).toHaveCount(1);

    // Opening it shows the file and the reason instead of the editor.
    await row.click();
    const panel = page.getByRole('region', { name: 'Damaged article' });
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('damaged-file')).toHaveText(file);
    await expect(panel.getByTestId('damaged-reason')).toContainText('it is not valid JSON');
    await expect(page.locator('.cm-content')).toHaveCount(0);
    await expect(page.locator('.top-bar .article-title')).toHaveText(new RegExp(`^${TITLE}`));
    await page.screenshot({ path: 'test-results/damaged-article.png' });

    await panel.getByRole('button', { name: 'Restore last good copy' }).click();
    await expect(panel).toHaveCount(0);
    await expect(page.locator('.cm-content')).toContainText(TITLE);
    const annotations = page.getByRole('region', { name: 'Annotations' }).getByRole('button');
    await expect(annotations).toHaveCount(1);
    await expect(annotations.first()).toContainText('Hossein Dehqan');
    await expectMarked(page, 'speaker', 'Hossein Dehqan');
    await expect(row).not.toContainText('damaged');
    await expect(page.locator('.top-bar [role="alert"]')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/damaged-article-restored.png' });
  } finally {
    await again.stop();
  }
});

test('an article whose text file cannot be read says to repair or move it', async ({ page, app }) => {
  const third = '003_868bd8ac9b581218';
  await app.stop();
  await writeFile(join(app.storeDir, 'articles', `${third}.json`), Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
  const again = await startWebApp(app.storeDir);
  try {
    await page.goto(again.url);
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button')
      .filter({ hasText: 'Iran, Iraq Defense Cooperation Inevitable' })
      .click();
    const panel = page.getByRole('region', { name: 'Damaged article' });
    await expect(panel.getByTestId('damaged-reason')).toHaveText('it is not UTF-8 text');
    await expect(panel).toContainText('Repair the file, or move it out of the store folder');
    await expect(panel.getByRole('button', { name: 'Restore last good copy' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/damaged-article-text.png' });

    // Agreement and review progress read layers, not texts: this article has none, so it is counted, nothing
    // is left out of the figures, and its adjudication row says there is nothing to adjudicate (its text's
    // damage is said where the text is read: opening it, search, export).
    await page.getByRole('button', { name: 'Agreement' }).click();
    const dashboard = page.getByRole('region', { name: 'Agreement dashboard' });
    await expect(dashboard.locator('h1')).toHaveText('5 articles · 0 layers');
    await expect(
      dashboard
        .getByRole('table', { name: 'Adjudication progress' })
        .getByRole('row')
        .filter({ hasText: 'Iran, Iraq Defense Cooperation Inevitable' }),
    ).toHaveText(/—\s*—\s*—\s*no layers$/);
    await page.screenshot({ path: 'test-results/damaged-dashboard.png' });
    const adjudication = dashboard.getByRole('table', { name: 'Adjudication progress' });
    await adjudication.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/damaged-dashboard-adjudication.png' });
  } finally {
    await again.stop();
  }
});
