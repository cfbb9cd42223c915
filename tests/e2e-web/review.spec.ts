import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Article } from '../../annotations/model';
import { colleagueBundle } from '../support/review-layers';
import { compareLayers, importColleagues as importLayers } from './colleague-layers';
import { openArticle } from './page-helpers';
import { expect, test } from './web-fixture';

const TITLE = 'Iran calls for collective efforts to fight ISIL in region';

/** Becomes "lead" in the settings and imports alice's, bob's and carol's bundles through the Import dialog. */
async function importColleagues(page: Page, url: string): Promise<void> {
  const { report, closeAndOpen } = await importLayers(page, url, 'lead', colleagueBundle);
  await expect(report).toContainText('layer of alice: 5 added');
  await expect(report).toContainText('layer of bob: 6 added');
  await expect(report).toContainText('layer of carol: 4 added');
  await closeAndOpen(TITLE);
}

test('colleagues’ layers are shown apart from one’s own and can be hidden', async ({ page, app }) => {
  await importColleagues(page, app.url);
  const layers = page.getByRole('region', { name: 'Layers' });
  await expect(layers.getByRole('listitem')).toHaveText([/lead \(you\)\s*0/, /alice\s*5/, /bob\s*6/, /carol\s*4/]);
  await expect(page.locator('.cm-content .fm-layer-other').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Annotations' })).toContainText('Annotations (15)');
  // A colleague's annotation is read-only here: the details say so, and Delete is refused with the reason.
  await page
    .getByRole('region', { name: 'Annotations' })
    .getByRole('button')
    .filter({ hasText: /^OrganisationISILbob/ })
    .click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('In bob’s layer: only they change it.');
  await expect(details.getByRole('button', { name: 'Delete annotation' })).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert')).toContainText("That annotation is in bob's layer, which only they change");
  await expect(page.getByRole('region', { name: 'Annotations' })).toContainText('Annotations (15)');
  await layers.getByRole('checkbox', { name: /carol/ }).uncheck();
  await expect(page.getByRole('region', { name: 'Annotations' })).toContainText('Annotations (11)');
  await page.screenshot({ path: 'test-results/review-layers.png' });
});

test('compares three layers, moves between differences with the keyboard, and adjudicates into gold', async ({
  page,
  app,
}) => {
  await importColleagues(page, app.url);
  const { review, differences } = await compareLayers(page);
  await expect(differences).toHaveCount(4);
  await expect(differences.nth(0)).toHaveAttribute('aria-label', 'Difference 1: only in bob');
  await expect(differences.nth(1)).toHaveAttribute('aria-label', 'Difference 2: different label');
  await expect(differences.nth(2)).toHaveAttribute(
    'aria-label',
    'Difference 3: different boundaries · different attributes · different link',
  );
  await expect(differences.nth(3)).toHaveAttribute('aria-label', 'Difference 4: only in alice, bob');
  await expect(differences.nth(2).getByLabel('bob’s version')).toContainText('verdict: false');
  await expect(differences.nth(2).getByLabel('alice’s version')).toContainText('said-by → “Brigadier General Dehqan”');
  await expect(review.getByTestId('review-progress')).toHaveText('0 of 4 differences decided');

  // Keyboard: j and k move; r rejects and moves on; 1 accepts the first layer's.
  await expect(differences.nth(0)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('j');
  await expect(differences.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(differences.nth(0)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('r');
  await expect(differences.nth(0).getByLabel('Gold')).toContainText('rejected · by lead');
  await expect(differences.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('1');
  await expect(differences.nth(1).getByLabel('Gold')).toContainText('accepted · by lead');
  await expect(differences.nth(1).getByLabel('Gold')).toContainText('Place Baghdad');

  // e edits: the adjudicator's own verdict for the claim.
  await expect(differences.nth(2)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('e');
  const form = differences.nth(2).getByRole('form', { name: 'Adjudicated version' });
  await form.getByLabel('Verdict').selectOption('mostly false');
  await form.getByRole('button', { name: 'Save to gold' }).click();
  await expect(differences.nth(2).getByLabel('Gold')).toContainText('verdict: mostly false');

  await differences.nth(3).getByRole('button', { name: 'Accept all' }).click();
  await expect(review.getByTestId('review-progress')).toHaveText('4 of 4 differences decided');
  await expect(review.getByText('Adjudicated', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/review-adjudicated.png', fullPage: true });

  // Undo takes the last decision back; redo puts it again.
  await page.keyboard.press('Control+z');
  await expect(review.getByTestId('review-progress')).toHaveText('3 of 4 differences decided');
  await page.keyboard.press('Control+Shift+z');
  await expect(review.getByTestId('review-progress')).toHaveText('4 of 4 differences decided');

  // The gold layer: agreements and decisions, drawn as gold in the text.
  await review.getByRole('button', { name: 'Show the text' }).click();
  const layers = page.getByRole('region', { name: 'Layers' });
  await expect(layers.getByRole('listitem').last()).toHaveText(/gold \(adjudicated\)\s*5/);
  await expect(page.locator('.cm-content .fm-layer-gold').first()).toBeVisible();

  // Reloaded from the store: the decisions were saved.
  await page.reload();
  await openArticle(page, TITLE);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(review.getByTestId('review-progress')).toHaveText('4 of 4 differences decided');

  // The dashboard's adjudication table has the article adjudicated, the others with one layer or none.
  await page.getByRole('button', { name: 'Agreement' }).click();
  const rows = page.getByRole('table', { name: 'Adjudication progress' }).getByRole('row');
  await expect(rows.filter({ hasText: TITLE })).toHaveText(/alice, bob, carol.*4 \/ 4\s*adjudicated/);
  await expect(rows).toHaveCount(6);
});

test('keys pressed faster than the saves each decide the difference they were pressed for; a refused one goes back', async ({
  page,
  app,
}) => {
  await importColleagues(page, app.url);
  const { review, differences } = await compareLayers(page);
  await expect(differences).toHaveCount(4);
  await expect(differences.nth(0)).toHaveAttribute('aria-current', 'true');

  // The saves are held: r and then 1 are both pressed before either decision is answered.
  const held: Route[] = [];
  await page.route('**/api/review/decide', (route) => void held.push(route));
  await page.keyboard.press('r');
  await page.keyboard.press('1');
  await expect.poll(() => held.length).toBe(2);
  for (const route of held.splice(0)) await route.continue();
  await expect(differences.nth(0).getByLabel('Gold')).toContainText('rejected · by lead');
  await expect(differences.nth(1).getByLabel('Gold')).toContainText('accepted · by lead');
  await expect(differences.nth(1).getByLabel('Gold')).toContainText('Place Baghdad');
  await expect(review.getByTestId('review-progress')).toHaveText('2 of 4 differences decided');
  await expect(differences.nth(2)).toHaveAttribute('aria-current', 'true');

  // The core refuses the next one: the page goes back to it and says so; nothing is decided.
  await page.unroute('**/api/review/decide');
  await page.route('**/api/review/decide', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'conflict', message: 'The layers changed meanwhile' } }),
    }),
  );
  await page.keyboard.press('r');
  await expect(page.locator('.toast-stack .toast.error')).toContainText('The layers changed meanwhile');
  await expect(differences.nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(review.getByTestId('review-announcement')).toHaveText('Difference 3 of 4 was not decided; back to it.');
  await expect(differences.nth(2).getByLabel('Gold')).toContainText('undecided');
  await page.screenshot({ path: 'test-results/review-decision-refused.png' });
  await expect(review.getByTestId('review-progress')).toHaveText('2 of 4 differences decided');
});

test('the agreement dashboard draws its charts and saves them as PNG, SVG and CSV', async ({
  page,
  app,
  downloadsDir,
}) => {
  await importColleagues(page, app.url);
  await page
    .getByRole('region', { name: 'Layers' })
    .getByRole('checkbox', { name: 'I have finished this article' })
    .check();
  await page.getByRole('button', { name: 'Agreement' }).click();
  const dashboard = page.getByRole('region', { name: 'Agreement dashboard' });
  await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('5 articles · 4 layers');
  // The fixture's figures, derived by hand in tests/contract/review.test.ts: F1 alice–bob 10/11, alice–carol 4/9
  // strict and 2/3 lenient, bob–carol 2/5 and 3/5; the verdict's alpha 2/5 on the two claims marked alike.
  const spans = dashboard.getByRole('table', { name: 'Span agreement per pair' });
  await expect(spans.getByRole('row', { name: /alice – bob/ })).toHaveText(
    /alice – bob\s*1\s*0\.833\s*1\.000\s*0\.909/,
  );
  await expect(spans.getByRole('row', { name: /alice – carol/ })).toContainText('0.444');
  await expect(spans.getByRole('row', { name: /alice – carol/ })).toContainText('0.667');
  await expect(spans.getByRole('row', { name: /bob – carol/ })).toContainText('0.400');
  const attributes = dashboard.getByRole('table', { name: 'Attribute agreement on matched spans' });
  await expect(attributes.getByRole('row', { name: /Claim · verdict/ })).toHaveText(
    /Claim · verdict\s*2\s*0\.500.*0\.400$/,
  );
  // One article: the reviewed one gives the same figures; one nobody annotated gives none ("—").
  // The article is found by typing part of its title; the list offers the whole corpus first, then the articles.
  const scope = dashboard.getByRole('combobox', { name: 'Measured on' });
  const options = dashboard.getByRole('listbox', { name: 'Measured on' }).getByRole('option');
  await scope.fill('collective efforts');
  await options.filter({ hasText: TITLE }).click();
  await expect(scope).toHaveValue(TITLE);
  await expect(spans.getByRole('row', { name: /alice – bob/ })).toHaveText(
    /alice – bob\s*1\s*0\.833\s*1\.000\s*0\.909/,
  );
  await scope.click();
  await options.nth(1).click();
  await expect(spans.getByRole('row', { name: /alice – bob/ })).toHaveText(/alice – bob\s*0\s*—\s*—\s*—/);
  await scope.click();
  await options.filter({ hasText: 'the whole corpus (pooled)' }).click();
  // lead only marked the article done: not measured unless chosen.
  const measured = dashboard.getByRole('group', { name: 'Layers measured' });
  await expect(measured.getByRole('checkbox', { name: 'lead' })).not.toBeChecked();
  await expect(spans.getByRole('row')).toHaveCount(5);
  await measured.getByRole('checkbox', { name: 'lead' }).check();
  await expect(spans.getByRole('row', { name: /alice – lead/ })).toContainText('0.000');
  await measured.getByRole('checkbox', { name: 'lead' }).uncheck();
  await expect(spans.getByRole('row')).toHaveCount(5);
  const heatmap = dashboard.getByRole('figure', { name: 'Span F1 between annotators (strict)' });
  await expect(heatmap.locator('canvas').first()).toBeVisible();
  await dashboard.getByLabel('Span match').selectOption('lenient');
  await expect(dashboard.getByRole('figure', { name: 'Span F1 between annotators (lenient)' })).toBeVisible();
  await expect(dashboard.getByRole('figure', { name: 'Agreement per label' }).locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/dashboard-agreement.png', fullPage: true });

  const labels = dashboard.getByRole('figure', { name: 'Labels per annotator' });
  await expect(labels.locator('canvas').first()).toBeVisible();

  const save = async (figure: typeof labels, button: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: button }).click(),
    ]);
    const path = join(downloadsDir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  };
  const csv = await save(labels, 'CSV');
  expect(csv.name).toBe('label-distribution.csv');
  // The fixture's layers, counted by hand: alice 2 claims, person, place, speaker; bob the same and ISIL; carol one claim,
  // person, Baghdad as an organisation, speaker; lead nothing.
  const rows = (who: string, [claim, organisation, person, place, speaker]: number[]) =>
    `${who},claim,${claim}\r\n${who},organisation,${organisation}\r\n${who},person,${person}\r\n${who},place,${place}\r\n${who},speaker,${speaker}\r\n`;
  expect(csv.bytes.toString('utf8')).toBe(
    `annotator,label,annotations\r\n${rows('alice', [2, 0, 1, 1, 1])}${rows('bob', [2, 1, 1, 1, 1])}${rows('carol', [1, 1, 1, 0, 1])}${rows('lead', [0, 0, 0, 0, 0])}`,
  );
  const svg = await save(labels, 'SVG');
  expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.bytes.toString('utf8')).toContain('carol');
  const png = await save(labels, 'PNG');
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.bytes.length).toBeGreaterThan(5000);

  const pairs = await save(dashboard.getByRole('figure', { name: 'Span F1 between annotators (lenient)' }), 'CSV');
  expect(pairs.name).toBe('pairwise-f1-lenient-corpus.csv');
  expect(pairs.bytes.toString('utf8')).toContain('alice,bob,strict,(all),5,1,0,0.833333,1,0.909091\r\n');
  expect(pairs.bytes.toString('utf8')).toContain('alice,carol,lenient,(all),3,1,2,0.75,0.6,0.666667\r\n');

  const progress = dashboard.getByRole('figure', { name: 'Progress per annotator' });
  const progressCsv = await save(progress, 'CSV');
  expect(progressCsv.bytes.toString('utf8')).toBe(
    // Spans as counted above; none accepted from suggestions.
    'annotator,done,annotated,articles,spans,from suggestions\r\n' +
      'alice,1,1,5,5,0\r\nbob,1,1,5,6,0\r\ncarol,1,1,5,4,0\r\nlead,1,0,5,0,0\r\n',
  );
  await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
});

test('a long article with hundreds of differences stays a short page: only the cards in view are drawn', async ({
  page,
  app,
}) => {
  const lines = Array.from({ length: 600 }, (_, i) => `Claim number ${i} says something checkable about the region.`);
  const text = `A long reviewed article\n\n${lines.join('\n')}`;
  const article: Article = {
    id: 'long-review',
    title: 'A long reviewed article',
    text,
    source: 'review test',
    addedAt: '2026-11-25T00:00:00.000Z',
    contentHash: `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`,
  };
  const bundle = (annotator: string, verdictOf: (i: number) => string) => ({
    format: 'factmark-bundle',
    version: 1,
    exportedAt: article.addedAt,
    exportedBy: annotator,
    tagset: DEFAULT_TAGSET,
    guidelines: '',
    entities: [],
    events: [],
    articles: [
      {
        article,
        annotations: lines.map((line, i) => {
          const start = text.indexOf(line);
          return {
            id: `${annotator}-${i}`,
            articleId: article.id,
            annotator,
            kind: 'claim',
            start,
            end: start + line.length,
            quote: line,
            attributes: { verdict: verdictOf(i), checkWorthy: true, claimType: 'factual' },
            note: '',
            entityId: null,
            eventId: null,
            createdAt: article.addedAt,
            updatedAt: article.addedAt,
          };
        }),
        relations: [],
        documentLabels: [],
      },
    ],
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files to import').setInputFiles(
    [bundle('bob', () => 'true'), bundle('carol', (i) => (i % 2 === 0 ? 'false' : 'true'))].map((b) => ({
      name: `${b.exportedBy}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(b)),
    })),
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('list', { name: 'Import report' })).toContainText('layer of carol: 600 added');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await openArticle(page, 'A long reviewed article');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const review = page.getByRole('region', { name: 'Review' });
  await expect(review.getByTestId('review-progress')).toHaveText('0 of 300 differences decided');
  const cards = review.getByRole('list', { name: 'Differences' }).locator(':scope > li');
  expect(await cards.count()).toBeLessThan(20);
  for (let i = 0; i < 40; i++) await page.keyboard.press('j');
  const fortyFirst = review.getByRole('listitem', { name: /^Difference 41: different attributes$/ });
  await expect(fortyFirst).toHaveAttribute('aria-current', 'true');
  await expect(fortyFirst).toBeInViewport();
  await expect(fortyFirst).toContainText('Claim number 80 says');
  expect(await cards.count()).toBeLessThan(20);
});
