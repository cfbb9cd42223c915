import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Annotation, Article } from '../../annotations/model';
import { compareLayers } from './colleague-layers';
import { openArticle, tag } from './page-helpers';
import { expect, test } from './web-fixture';

const A002 = '002_7feab6871f0e57f9';
const TITLE_002 = 'Iran and Iraq signed a memorandum of understanding';
const STAMP = '2026-11-20T10:00:00.000Z';

async function call<T>(url: string, name: string, args: unknown): Promise<T> {
  const response = await fetch(`${url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const envelope = (await response.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.result;
}

/** bob's and carol's layers on article 002, alike everywhere, imported as their bundles. */
async function importAgreeingLayers(url: string): Promise<void> {
  const article = await call<Article>(url, 'articles/get', { articleId: A002 });
  const bundle = (annotator: string) => {
    const span = (kind: string, quote: string, attributes = {}): Annotation => {
      const start = article.text.indexOf(quote);
      return {
        id: `${annotator}-${kind}`,
        articleId: A002,
        annotator,
        kind,
        start,
        end: start + quote.length,
        quote,
        attributes,
        note: '',
        entityId: null,
        eventId: null,
        createdAt: STAMP,
        updatedAt: STAMP,
      };
    };
    return {
      format: 'factmark-bundle',
      version: 1,
      exportedAt: STAMP,
      exportedBy: annotator,
      tagset: DEFAULT_TAGSET,
      guidelines: '',
      entities: [],
      events: [],
      articles: [
        {
          article,
          annotations: [
            span('claim', 'Iran and Iraq signed a memorandum of understanding (MoU)', { verdict: 'true' }),
            span('place', 'Tehran'),
          ],
          relations: [],
          documentLabels: [],
        },
      ],
    };
  };
  await call(url, 'import/files', {
    format: 'bundle',
    files: ['bob', 'carol'].map((name) => ({
      name: `${name}.json`,
      content: Buffer.from(JSON.stringify(bundle(name))).toString('base64'),
    })),
  });
}

test('the Export dialog asks whose annotations, says what gold leaves out, and exports one layer', async ({
  page,
  app,
  downloadsDir,
}) => {
  await importAgreeingLayers(app.url);
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  // No silent default: nothing is exported until the user says whose annotations.
  await expect(exportButton).toBeDisabled();
  await expect(dialog).toContainText('Choose whose annotations to export.');
  await dialog.getByRole('radio', { name: /^Gold/ }).check();
  await expect(dialog.getByRole('status', { name: 'Left out' })).toHaveText(
    '0 of 5 articles are adjudicated; the other 5 are left out (not every difference is decided yet).',
  );
  await dialog.getByLabel('Annotator', { exact: true }).selectOption('carol');
  await expect(dialog.getByRole('radio', { name: 'Another annotator’s layer' })).toBeChecked();
  await expect(dialog.getByRole('status', { name: 'Left out' })).toContainText('carol has annotated 1 of 5 articles');
  await dialog.getByRole('radio', { name: /^Gold/ }).check();
  await page.screenshot({ path: 'test-results/export-dialog-scope.png' });

  await dialog.getByRole('radio', { name: 'My layer (alice)' }).check();
  await dialog.getByLabel('Format').selectOption('jsonl');
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  const path = join(downloadsDir, download.suggestedFilename());
  await download.saveAs(path);
  const lines = (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { annotator: string; annotations: Annotation[] });
  expect(lines.map((l) => [l.annotator, l.annotations.map((a) => a.quote)])).toEqual([['alice', ['General Dehqan']]]);
  await expect(
    page.getByRole('status').filter({ hasText: 'Left out 4 article(s) with nothing in that layer' }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/export-left-out-notice.png' });
});

test('the review page takes layers that agree everywhere into gold with one button', async ({ page, app }) => {
  await importAgreeingLayers(app.url);
  await page.goto(app.url);
  await openArticle(page, TITLE_002);
  const { review } = await compareLayers(page);
  await expect(review).toContainText('0 of 0 differences decided');
  await expect(review).toContainText('“Take into gold” makes their agreement the gold layer.');
  const take = review.getByRole('button', { name: 'Take into gold' });
  await expect(take).toBeVisible();
  await page.screenshot({ path: 'test-results/review-take-into-gold.png' });
  await take.click();
  await expect(review.locator('.badge.adjudicated')).toHaveText('Adjudicated');
  await expect(take).toHaveCount(0);
  await expect(review).toContainText('the agreement is in gold');
  const layer = await call<{ annotations: Annotation[] }>(app.url, 'annotations/list', { articleId: A002 });
  expect(layer.annotations.filter((a) => a.annotator === 'gold').map((a) => [a.quote, a.provenance?.action])).toEqual([
    ['Iran and Iraq signed a memorandum of understanding (MoU)', 'agreed'],
    ['Tehran', 'agreed'],
  ]);
  // One undo step takes it back.
  await page.keyboard.press('Control+z');
  await expect(take).toBeVisible();
});

test('the reviewing organisation is set in Settings and kept', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'alice…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Reviewing organisation').fill('Example Fact Check');
  await page.screenshot({ path: 'test-results/settings-reviewing-organisation.png' });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toHaveCount(0);
  const status = await call<{ reviewingOrganisation?: string; annotator: string }>(app.url, 'store/status', {});
  expect(status).toMatchObject({ annotator: 'alice', reviewingOrganisation: 'Example Fact Check' });
  await page.getByRole('button', { name: 'alice…' }).click();
  await expect(settings.getByLabel('Reviewing organisation')).toHaveValue('Example Fact Check');
});
