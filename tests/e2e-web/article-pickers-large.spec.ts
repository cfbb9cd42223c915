import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectNoSeriousViolations } from './axe-scan';
import { expect, test, watchApi, withLargeStore } from './web-fixture';

const COUNT = 3000;

test('on a store of thousands of articles, the export dialog and the dashboard find an article by part of its title, without the whole list', async ({
  page,
  downloadsDir,
}) => {
  test.setTimeout(180_000);
  await withLargeStore(COUNT, async (app) => {
    const asked = watchApi(page);
    await page.goto(app.url);
    await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('heading')).toHaveText(
      `Articles (${COUNT})`,
    );

    // Export: the count of all comes from the server; two articles are added by typing part of their titles.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog.getByText(`Only the open article (else all ${COUNT})`)).toBeVisible();
    const articles = dialog.getByRole('combobox', { name: 'Articles (none chosen: all)' });
    await articles.fill('(1234)');
    const found = dialog.getByRole('listbox', { name: 'Articles (none chosen: all)' }).getByRole('option');
    await expect(found).toHaveCount(1);
    await expect(found).toHaveText(/ meets .*\(1234\)$/);
    await articles.press('Enter');
    await articles.fill('(2600');
    await expect(found).toHaveCount(1);
    await articles.press('ArrowDown');
    await articles.press('Enter');
    const chosen = dialog.getByRole('list', { name: 'Articles chosen' }).getByRole('listitem');
    await expect(chosen).toHaveCount(2);
    await expect(chosen.nth(1)).toContainText('(2600)');
    // Esc closes the open list, not the dialog.
    await articles.click();
    await expect(articles).toHaveAttribute('aria-expanded', 'true');
    await expect(dialog).toContainText(`${COUNT.toLocaleString('en')} articles: type part of a title`);
    await page.screenshot({ path: 'test-results/export-dialog-article-picker.png' });
    await expectNoSeriousViolations(page, 'export dialog with its article list open', '.export-dialog');
    await page.keyboard.press('Escape');
    await expect(articles).toHaveAttribute('aria-expanded', 'false');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'All layers, each kept apart and named' }).check();
    await dialog.getByLabel('Format').selectOption('jsonl');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const path = join(downloadsDir, download.suggestedFilename());
    await download.saveAs(path);
    const lines = (await readFile(path, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect([...new Set(lines)]).toEqual(['b1234', 'b2600']);

    // Dashboard: the figures of one article, found the same way.
    await page.getByRole('button', { name: 'Agreement' }).click();
    const dashboard = page.getByRole('region', { name: 'Agreement dashboard' });
    const scope = dashboard.getByRole('combobox', { name: 'Measured on' });
    await expect(scope).toHaveValue('the whole corpus (pooled)', { timeout: 60_000 });
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText(`${COUNT} articles · 1 layer`);
    await scope.fill('(777)');
    const options = dashboard.getByRole('listbox', { name: 'Measured on' }).getByRole('option');
    await expect(options).toHaveCount(1);
    await page.screenshot({ path: 'test-results/dashboard-article-picker.png' });
    // The controls only: the adjudication table below is checked on its own further down.
    await expectNoSeriousViolations(page, 'dashboard with its article list open', '.dashboard-controls');
    const title = (await options.textContent())!;
    await scope.press('Enter');
    await expect(scope).toHaveValue(title);
    await expect(scope).toHaveAttribute('aria-expanded', 'false');

    // The adjudication table draws its rows 500 at a time: a large store stays one page.
    const adjudicationRows = dashboard.getByRole('table', { name: 'Adjudication progress' }).getByRole('row');
    await expect(adjudicationRows).toHaveCount(501);
    await expect(dashboard.getByText('500 of 3,000 articles shown.')).toBeVisible();
    await dashboard.getByRole('button', { name: 'Show 500 more' }).click();
    await expect(adjudicationRows).toHaveCount(1001);

    const titled = asked.filter((a) => a.name === 'articles/page' && a.args.titleContains);
    expect(titled.map((a) => a.args.titleContains)).toEqual(expect.arrayContaining(['(1234)', '(2600', '(777)']));
    expect(asked.map((a) => a.name)).not.toContain('articles/list');
  });
});
