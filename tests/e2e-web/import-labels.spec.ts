import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './web-fixture';
import { annotationItems, openArticle } from './page-helpers';

const CONLL = 'tests/fixtures/label-mapping/brat-conll';

test('the import dialog maps a brat corpus’s labels: PER to person, LOC to place, MISC left out', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files to import').setInputFiles([
    ...(await Promise.all(
      [
        'annotation.conf',
        'visual.conf',
        'esp-train-001.txt',
        'esp-train-001.ann',
        'esp-train-002.txt',
        'esp-train-002.ann',
      ].map(async (name) => ({ name, mimeType: 'text/plain', buffer: await readFile(join(CONLL, name)) })),
    )),
    // A third text whose label differs from a kind of the tagset only by case: suggested.
    {
      name: 'esp-train-003.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Toledo, 25 may (EFE).\nHabló Ana Botella.\n'),
    },
    { name: 'esp-train-003.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tPerson 28 39\tAna Botella\n') },
  ]);
  await expect(dialog.getByLabel('Format')).toHaveValue('brat');

  // The label step: every label of the files, what it is used for, how often, and a choice.
  const labels = dialog.getByRole('region', { name: 'Labels' });
  const rows = labels.getByRole('row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(1)).toContainText('LOC');
  await expect(rows.nth(1)).toContainText('4 spans');
  await expect(labels.getByRole('row', { name: /^PER spans/ })).toContainText('4 spans');
  await expect(labels.getByRole('row', { name: /^MISC spans/ })).toContainText('2 spans');
  const per = dialog.getByLabel('What "PER" (spans) becomes');
  const loc = dialog.getByLabel('What "LOC" (spans) becomes');
  const misc = dialog.getByLabel('What "MISC" (spans) becomes');
  const person = dialog.getByLabel('What "Person" (spans) becomes');
  // Defaults: no kind of the tagset is called PER, LOC or MISC, so each would be new; "Person" is a suggestion.
  await expect(per).toHaveValue('new');
  await expect(loc).toHaveValue('new');
  await expect(misc).toHaveValue('new');
  await expect(person).toHaveValue('to:person');
  await expect(labels.getByRole('row', { name: /^Person spans/ })).toContainText('suggested');
  await dialog.screenshot({ path: 'test-results/import-labels-defaults.png' });

  await per.selectOption({ label: 'Person (person)' });
  await loc.selectOption({ label: 'Place (place)' });
  await misc.selectOption({ label: 'Leave out' });
  await expect(labels.getByRole('row', { name: /^Person spans/ })).toContainText('suggested');

  // What the import would do with these choices: nothing saved yet.
  await dialog.getByRole('button', { name: 'Check with these choices' }).click();
  const preview = dialog.getByRole('list', { name: 'What the import would do' });
  await expect(preview).toContainText('esp-train-001.ann: would import 1 article, 5 annotations (person 2, place 3)');
  await expect(preview).toContainText('MISC dropped (1 span)');
  await dialog.screenshot({ path: 'test-results/import-labels-chosen.png' });
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('list', { name: 'Import report' });
  await expect(report).toContainText('esp-train-001.ann: imported 1 article, 5 annotations (person 2, place 3)');
  await expect(report).toContainText(
    'labels: LOC → place (mapped, 3 spans); PER → person (mapped, 2 spans); MISC dropped (1 span)',
  );
  await expect(report).toContainText('esp-train-002.ann: imported 1 article, 3 annotations (person 2, place 1)');
  await expect(report).toContainText('esp-train-003.ann: imported 1 article, 1 annotation (person 1)');
  await expect(report).not.toContainText('added to the tagset');
  await expect(labels).toBeHidden();
  await dialog.screenshot({ path: 'test-results/import-labels-report.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // In the editor: the spans under the project's kinds, MISC's left out.
  await openArticle(page, 'La Coruña, 23 may (EFE).');
  const items = annotationItems(page);
  await expect(items).toHaveCount(5);
  await expect(items.filter({ hasText: 'Rodrigo Rato' })).toHaveAttribute('data-kind', 'person');
  await expect(items.filter({ hasText: 'Madrid' })).toHaveAttribute('data-kind', 'place');
  await expect(items.filter({ hasText: 'Plan Nacional' })).toHaveCount(0);
  await expect(page.locator('.cm-content')).toContainText('Plan Nacional de Vivienda');
  await page.screenshot({ path: 'test-results/import-labels-editor.png' });
});

test('labels the tagset lacks can be added to it from the label step', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog
    .getByLabel('Files to import')
    .setInputFiles(
      ['annotation.conf', 'news-003.txt', 'news-003.ann'].map((n) =>
        join('tests/fixtures/label-mapping/brat-relations', n),
      ),
    );
  await expect(dialog.getByLabel('What "Located_in" (links) becomes')).toHaveValue('new');
  await dialog.getByLabel('What "Organization" (spans) becomes').selectOption({ label: 'Organisation (organisation)' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('list', { name: 'Import report' });
  await expect(report).toContainText(
    'news-003.ann: imported 1 article, 3 annotations (GPE 2, organisation 1), 2 links',
  );
  await expect(report).toContainText('added to the tagset: GPE, Located_in');
  await dialog.screenshot({ path: 'test-results/import-labels-extend.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await openArticle(page, 'Nokia, the Finnish company');
  await expect(annotationItems(page).filter({ hasText: 'Espoo' })).toHaveAttribute('data-kind', 'GPE');
});

test('the label step says beforehand which files would not be imported, and why', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files to import').setInputFiles([
    { name: 'orphan.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tPER 0 4\tJuan\n') },
    { name: 'kept.txt', mimeType: 'text/plain', buffer: Buffer.from('Ana vive en Lima.\n') },
    { name: 'kept.ann', mimeType: 'text/plain', buffer: Buffer.from('T1\tPER 0 3\tAna\nT2\tLOC 12 16\tLima\n') },
  ]);
  await expect(dialog.getByLabel('What "PER" (spans) becomes')).toHaveValue('new');
  await expect(dialog.getByRole('status')).toContainText('1 file(s) would not be imported as they are');
  await expect(dialog.getByRole('status')).toContainText('orphan.ann: no orphan.txt beside it');
  await expect(dialog.getByRole('region', { name: 'Labels' }).getByRole('row', { name: /^LOC spans/ })).toContainText(
    '1 span',
  );
  await dialog.screenshot({ path: 'test-results/import-labels-problems.png' });
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
});
